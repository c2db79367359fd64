#!/usr/bin/env python3
"""flip_byte.py FILE TEXT: flips one bit of the first byte of TEXT (UTF-8) in
FILE, in place: a file changed inside a package, stored as it is."""
import sys

path, text = sys.argv[1], sys.argv[2]
data = bytearray(open(path, "rb").read())
at = data.find(text.encode())
if at < 0:
    sys.exit(f"flip_byte.py: {text!r} is not in {path}")
data[at] ^= 1
open(path, "wb").write(data)
