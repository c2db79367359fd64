#!/usr/bin/env python3
"""Small JSON helpers for the CLI tests (issue 17).
  json_tool.py patch SRC DST EXPR       DST = SRC after running EXPR on it as `d` (one change to an intact input)
  json_tool.py item ID FIELD...         from `qaward assess --format json` on stdin: the FIELDs of item ID
                                        (sorted keys) and the last two raters as id:group"""
import json, sys

if sys.argv[1] == 'patch':
    d = json.load(open(sys.argv[2], encoding='utf-8'))
    exec(sys.argv[4])
    json.dump(d, open(sys.argv[3], 'w', encoding='utf-8'), ensure_ascii=False)
elif sys.argv[1] == 'item':
    d = json.load(sys.stdin)
    item = next(x for x in d['items'] if x['item'] == sys.argv[2])
    print(json.dumps({k: item[k] for k in sys.argv[3:]}, sort_keys=True),
          [r['id'] + ':' + r['group'] for r in d['raters']][-2:])
else:
    sys.exit(__doc__)
