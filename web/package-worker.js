// The app's worker (app/worker/package_worker.cpp): hashing attachments as
// they arrive, building packages, verifying and countersigning them, one job
// at a time, off the page's thread.
//
// In:  { id, kind: 'inspect', name, blob }
//      { id, kind: 'package', request, files: [{ name, blob }] }
//      { id, kind: 'verify', blob, officeKey }   officeKey: a pinned office .pub, or 
//      { id, kind: 'countersign', blob, request }
//      { id, kind: 'district-bundle', packages: [{ name, blob, opinion }], request }
//                                  the district's countersignatures, then its bundle (issue 18)
//      { id, kind: 'intake', bundles: [{ name, blob }], request }   the office's intake; before it, with
//                                  two cores, 'bundle-digests' in one worker and 'bundle-packages' in the other
//      { id, kind: 'digest-open', name } / 'digest-feed', upto / 'digest-close', upto, remove?
//                                  hashing another worker's output as it settles
//                                  (remove: the name of a failed output to delete)
//      { id, kind: 'digest-file', blob }
// Out: { type: 'progress', id, done, total }
//      { type: 'output', id, name, shared }   the output file, readable meanwhile when shared
//      { type: 'settled', id, upto }          its bytes before upto are final
//      { type: 'written', id, result, file }  a package, ready to download
//      { type: 'done', id, result, file?, heap }
//
// Packages are written into the origin-private file system in place (a
// FileSystemSyncAccessHandle), so a package of any size costs neither heap nor
// page memory; the page downloads the File it becomes. Its SHA-256 (for the
// cover sheet) is computed next, while the download runs. Where that storage
// is missing (an old browser) a growable buffer stands in. With two cores the
// page has the other worker hash the package while this one writes it
// (digestElsewhere): each entry is hashed once libzip has finished it.
'use strict';
var Module = { print: () => {}, printErr: (t) => console.warn(t) };
const runtimeReady = new Promise((resolve) => { Module.onRuntimeInitialized = resolve; });
importScripts('qaward_worker.js');  // its globals (run, ready, ...) share this scope: names here are distinct

// The sync access handle's interface, over memory: where the browser has no
// synchronous file handles (Chromium 86-107, older Safari) or none for this
// page (Firefox's private windows), the package is built in this worker's
// memory, up to MEMORY_LIMIT; beyond it the user is told why and what to use.
const MEMORY_LIMIT = 1 << 30;
class MemorySink {
  constructor() {
    this.bytes = new Uint8Array(1 << 20);
    this.size = 0;
    this.limit = self.qaMemoryLimit || MEMORY_LIMIT;  // (the tests set a small one)
  }
  write(view, { at }) {
    if (at + view.length > this.limit) {
      const e = new Error('the package is larger than a package built in memory may be');
      e.name = 'MemoryLimitError';
      throw e;
    }
    if (at + view.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(at + view.length, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.size));
      this.bytes = grown;
    }
    this.bytes.set(view, at);
    this.size = Math.max(this.size, at + view.length);
    return view.length;
  }
  truncate(size) { this.size = Math.min(size, this.size); }
  flush() {}
  read(view, { at }) {
    const n = Math.max(0, Math.min(view.length, this.size - at));
    view.set(this.bytes.subarray(at, at + n));
    return n;
  }
  close() {}
}

// A new output file. Of the earlier ones only the newest whole package stays
// (it may still be downloading, and a failed package must not cost the user
// the previous one); empty files, left by writes that failed, go. finish()
// closes it and gives the File; reopen() opens it again for reading.
function memoryOutput() {
  const sink = new MemorySink();
  return {
    sink,
    shared: false,
    inMemory: true,
    finish: async () => new Blob([sink.bytes.subarray(0, sink.size)], { type: 'application/zip' }),
    reopen: async () => sink,
    discard: async () => {},
  };
}

// Whether this browser gives this page synchronous file handles, found by
// doing it (a feature test would miss Firefox's private windows, where
// getDirectory() exists and refuses).
async function canUseFileHandles() {
  try {
    if (!(self.navigator.storage && navigator.storage.getDirectory && self.FileSystemFileHandle &&
          FileSystemFileHandle.prototype.createSyncAccessHandle)) return false;
    const root = await navigator.storage.getDirectory();
    const probe = await root.getFileHandle('probe', { create: true });
    (await probe.createSyncAccessHandle()).close();
    await root.removeEntry('probe').catch(() => {});
    return true;
  } catch (e) {
    return false;  // memory it is
  }
}

async function openOutput(kind, shared) {
  if (!(await canUseFileHandles())) return memoryOutput();
  const root = await navigator.storage.getDirectory();
  const whole = [];
  for await (const [name, handle] of root.entries()) {
    if (!name.startsWith('out-')) continue;
    const size = await handle.getFile().then((f) => f.size, () => 0);
    if (size > 0) whole.push(name);
    else await root.removeEntry(name).catch(() => {});
  }
  whole.sort();
  for (const name of whole.slice(0, -1)) await root.removeEntry(name).catch(() => {});
  const handle = await root.getFileHandle(`out-${Date.now()}-${kind}.zip`, { create: true });
  // 'readwrite-unsafe' lets another worker read it meanwhile (Chromium 121+).
  // A browser that ignores the mode (Firefox) hands back an exclusive handle
  // without saying so: only a handle whose mode says so is taken as shared,
  // so the SHA-256 is then taken after writing, not by a reader that fails.
  let sink = null;
  if (shared) sink = await handle.createSyncAccessHandle({ mode: 'readwrite-unsafe' }).catch(() => null);
  const isShared = sink !== null && sink.mode === 'readwrite-unsafe';
  sink = sink || await handle.createSyncAccessHandle();
  return {
    sink,
    shared: isShared,
    name: handle.name,
    async finish() {
      sink.close();
      return handle.getFile();
    },
    // Shared reading leaves the File being downloaded intact.
    async reopen() {
      return handle.createSyncAccessHandle({ mode: 'read-only' }).catch(() => handle.createSyncAccessHandle());
    },
    async discard() {
      sink.close();
      await root.removeEntry(handle.name).catch(() => {});
    },
  };
}

// A file of the job's own (a countersigned package on its way into the
// bundle), beside the outputs; removed when the job ends.
async function openScratch(name) {
  if (!(await canUseFileHandles())) return memoryOutput();
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle(name, { create: true });
  const sink = await handle.createSyncAccessHandle();
  sink.truncate(0);
  return {
    sink,
    async finish() {
      sink.close();
      return handle.getFile();
    },
    async discard() {
      try { sink.close(); } catch (e) { /* closed by finish() */ }
      await root.removeEntry(name).catch(() => {});
    },
  };
}

// The district's job (issue 18): the key unlocked once; each recommended
// package countersigned with its opinion into a scratch file; the bundle of
// those written to the output; the key locked and the scratch files removed
// whatever happens.
async function districtBundle(job) {
  const unlocked = callCore('qa_worker_district_unlock', ['string'],
    [JSON.stringify({ secret_key: job.request.secret_key, passphrase: job.request.passphrase })]);
  if (!unlocked.ok) return { result: unlocked };
  const scratch = [];
  try {
    const signed = [];
    const total = job.packages.length + 1;
    for (let i = 0; i < job.packages.length; i++) {
      const p = job.packages[i];
      mountFiles([{ name: 'package.zip', blob: p.blob }]);
      const out = await openScratch(`cs-${i}.zip`);
      scratch.push(out);
      Module.qaSink = out.sink;
      let result;
      try {
        result = callCore('qa_worker_district_countersign', ['string', 'string'],
          ['/in/package.zip', JSON.stringify({ unit: job.request.unit, opinion: p.opinion, now: job.request.now })]);
      } finally {
        Module.qaSink = null;
      }
      if (!result.ok) return { result: { ...result, file_name: p.name } };
      signed.push({ name: `c${i}.zip`, blob: await out.finish() });
      postMessage({ type: 'progress', id: job.id, done: i + 1, total });
    }
    mountFiles(signed);
    const output = await openOutput('bundle', false);
    postMessage({ type: 'output', id: job.id, name: output.name, shared: false, inMemory: Boolean(output.inMemory) });
    Module.qaSink = output.sink;
    let result;
    try {
      result = callCore('qa_worker_district_bundle', ['string'], [JSON.stringify({
        paths: signed.map((f) => '/in/' + f.name), workspace: job.request.workspace, now: job.request.now })]);
    } finally {
      Module.qaSink = null;
    }
    if (!result.ok) {
      await output.discard();
      return { result };
    }
    const file = await output.finish();
    postMessage({ type: 'written', id: job.id, result, file });
    return { result, file };
  } finally {
    Module.ccall('qa_worker_district_lock', null, [], []);
    try { Module.FS.unmount('/in'); } catch (e) { /* not mounted */ }
    for (const out of scratch) await out.discard();
  }
}

// Files appear at /in/<name>, read in chunks as the core asks for them.
// Each read of a File is a round trip to the browser, which costs about as
// much as reading 64 KiB: the many small reads of libzip (headers, central
// directories, a package's tag files) are served from a 64 KiB block read
// once, the large ones (16 MiB windows) go straight through.
const SMALL_READ = 1 << 16;
function readAhead() {
  const read = Module.WORKERFS.stream_ops.read;
  let block = { node: null, start: 0, bytes: new Uint8Array(0) };
  Module.WORKERFS.stream_ops.read = function (stream, buffer, offset, length, position) {
    if (length >= SMALL_READ || position >= stream.node.size) return read.call(this, stream, buffer, offset, length, position);
    if (block.node !== stream.node || position < block.start || position + length > block.start + block.bytes.length) {
      const slice = stream.node.contents.slice(position, position + SMALL_READ);
      block = { node: stream.node, start: position, bytes: new Uint8Array(Module.WORKERFS.reader.readAsArrayBuffer(slice)) };
    }
    const from = position - block.start;
    const n = Math.min(length, block.bytes.length - from);
    buffer.set(block.bytes.subarray(from, from + n), offset);
    return n;
  };
}
function mountFiles(files) {
  const FS = Module.FS;
  if (!Module.WORKERFS.readAhead) {
    readAhead();
    Module.WORKERFS.readAhead = true;
  }
  try { FS.mkdir('/in'); } catch (e) { /* exists */ }
  try { FS.unmount('/in'); } catch (e) { /* not mounted */ }
  FS.mount(Module.WORKERFS, { blobs: files.map((f) => ({ name: f.name, data: f.blob })) }, '/in');
}

let digestHandle = null;  // the other worker's output, read as it settles
const callCore = (name, types, args) => JSON.parse(Module.ccall(name, 'string', types, args));

async function runJob(job) {
  Module.qaJob = job.id;
  Module.qaSinkError = null;
  switch (job.kind) {
    case 'inspect':
      mountFiles([{ name: 'file', blob: job.blob }]);
      return { result: callCore('qa_worker_inspect', ['string', 'string'], ['/in/file', job.name]) };
    case 'verify':
      mountFiles([{ name: 'package.zip', blob: job.blob }]);
      return { result: callCore('qa_worker_verify', ['string', 'string'], ['/in/package.zip', job.officeKey || '']) };
    case 'package':
    case 'countersign': {
      if (job.kind === 'package') mountFiles(job.files);
      else mountFiles([{ name: 'package.zip', blob: job.blob }]);
      const digestElsewhere = Boolean(job.digestElsewhere);
      const output = await openOutput(job.kind, digestElsewhere);
      postMessage({ type: 'output', id: job.id, name: output.name, shared: output.shared, inMemory: Boolean(output.inMemory) });
      Module.qaSink = output.sink;
      let result;
      try {
        result = job.kind === 'package'
          ? callCore('qa_worker_package', ['string'], [JSON.stringify(job.request)])
          : callCore('qa_worker_countersign', ['string', 'string'], ['/in/package.zip', JSON.stringify(job.request)]);
      } finally {
        Module.qaSink = null;
      }
      if (!result.ok) {
        await output.discard();
        if (Module.qaSinkError === 'MemoryLimitError') result = { ok: false, message: explain({ name: 'MemoryLimitError' }) };
        return { result };
      }
      const file = await output.finish();
      postMessage({ type: 'written', id: job.id, result, file });
      if (digestElsewhere && output.shared) return { result, file };  // the other worker has hashed it
      const reader = await output.reopen();
      Module.qaSink = reader;
      try {
        const digest = callCore('qa_worker_output_sha256', [], []);
        if (digest.ok) result.sha256 = digest.sha256;
      } finally {
        Module.qaSink = null;
        reader.close();
      }
      return { result, file };
    }
    case 'district-bundle':
      return districtBundle(job);
    case 'bundle-digests':
    case 'bundle-packages':
    case 'intake': {
      mountFiles(job.bundles);
      const entry = { 'bundle-digests': 'qa_worker_bundle_digests', 'bundle-packages': 'qa_worker_bundle_packages', intake: 'qa_worker_intake' };
      return { result: callCore(entry[job.kind], ['string'], [JSON.stringify(job.request)]) };
    }
    case 'digest-open': {
      if (digestHandle) digestHandle.close();  // one left open by a package that failed
      digestHandle = null;
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle(job.name);
      digestHandle = await handle.createSyncAccessHandle({ mode: 'readwrite-unsafe' });
      Module.qaSink = digestHandle;
      callCore('qa_worker_digest', ['number', 'number'], [0, 1]);  // starts afresh
      Module.qaSink = null;
      return { result: { ok: true } };
    }
    case 'digest-feed':
    case 'digest-close': {
      if (!digestHandle) return { result: { ok: false, message: { zh: '没有正在计算的文件', en: 'Nothing is being hashed' } } };
      Module.qaSink = digestHandle;
      let result;
      try {
        result = callCore('qa_worker_digest', ['number', 'number'], [job.upto, job.kind === 'digest-close' ? 1 : 0]);
      } finally {
        Module.qaSink = null;
      }
      if (job.kind === 'digest-close') {
        digestHandle.close();
        digestHandle = null;
        if (job.remove) await (await navigator.storage.getDirectory()).removeEntry(job.remove).catch(() => {});
      }
      return { result };
    }
    case 'digest-file':
      mountFiles([{ name: 'package.zip', blob: job.blob }]);
      return { result: callCore('qa_worker_file_sha256', ['string'], ['/in/package.zip']) };
    default:
      return { result: { ok: false, message: { zh: '未知的任务：' + job.kind, en: 'Unknown job: ' + job.kind } } };
  }
}

// What a failure means to the user, and what to do, in both languages; the
// browser's own words only when nothing better is known. The floors are from
// MDN's compatibility data (synchronous access handles: Chrome/Edge 108,
// Firefox 111, Safari 16.4; none in Firefox private windows).
const BROWSERS_ZH = '请使用 Chrome 或 Edge 108 及以上版本、Firefox 111 及以上版本或 Safari 16.4 及以上版本。';
const BROWSERS_EN = 'Please use Chrome or Edge 108 or later, Firefox 111 or later, or Safari 16.4 or later.';
function explain(e) {
  const text = String(e && e.message || e);
  const name = e && e.name;
  if (/createSyncAccessHandle|getDirectory is not a function|storage is undefined/.test(text)) {
    return { zh: '此浏览器版本过旧，不能在本机临时写入申报包，因此无法打包或加签。' + BROWSERS_ZH,
             en: 'This browser is too old to write the package to its local storage, so it cannot package or countersign. ' + BROWSERS_EN };
  }
  if (name === 'SecurityError') {
    return { zh: '浏览器不允许本页面在隐私（无痕）窗口或当前隐私设置下写入临时文件，无法打包或加签。请在普通窗口中打开本页面，或允许本网站存储数据。',
             en: 'The browser does not let this page write local files in a private window or with these privacy settings, so it cannot package or countersign. Open the page in a normal window, or allow this site to store data.' };
  }
  if (name === 'MemoryLimitError') {
    return { zh: '此浏览器不能把申报包写入本机临时存储，只能在内存中生成，最大 1 GiB，而本申报包超过了这个大小。请减小附件，或' + BROWSERS_ZH.replace('请使用', '改用') + '（不要使用隐私窗口）',
             en: 'This browser cannot write the package to its local storage, so it is built in memory, up to 1 GiB, and this package is larger. Make the attachments smaller, or ' + BROWSERS_EN.replace('Please use', 'use') + ' (not in a private window)' };
  }
  if (name === 'QuotaExceededError') {
    return { zh: '浏览器的存储空间已满，无法写入申报包。请清理磁盘空间或浏览器中其他网站的数据后重试。',
             en: 'The browser\'s storage is full, so the package cannot be written. Free disk space or other sites\' data in the browser, then try again.' };
  }
  if (name === 'NotReadableError' || name === 'NotFoundError') {
    return { zh: '有文件无法读取：它可能已在磁盘上被移动、修改或删除。请在“申报材料”中重新添加该文件。',
             en: 'A file could not be read: it may have been moved, changed or deleted on disk. Add it again under Materials.' };
  }
  return { zh: '后台任务出错：' + text + '。请重试；如仍出错，请刷新页面。', en: 'The background job failed: ' + text + '. Try again; if it fails again, reload the page.' };
}

let jobQueue = Promise.resolve();
onmessage = (event) => {
  const job = event.data;
  jobQueue = jobQueue.then(async () => {
    await runtimeReady;
    let reply;
    let fatal = false;
    try {
      reply = await runJob(job);
    } catch (e) {
      // An abort (out of memory, a bug) leaves the WebAssembly instance
      // unusable: this worker says so and ends; the page starts a new one.
      fatal = e instanceof WebAssembly.RuntimeError;
      reply = { result: { ok: false, message: explain(e) } };
    }
    postMessage({ type: 'done', id: job.id, result: reply.result, file: reply.file || null, heap: Module.HEAP8.length, fatal });
    if (fatal) close();
  });
};
