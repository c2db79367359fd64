// Runs the packaging worker (app/worker/package_worker.cpp) off the main
// thread. Messages in: { request, files: [{ name, blob }] }. Messages out:
// { type: 'progress', done, total }, { type: 'done', result, blob } (the
// package) or { type: 'failed', result }.
'use strict';
var Module = { print: () => {}, printErr: (t) => console.warn(t) };
const ready = new Promise((resolve) => { Module.onRuntimeInitialized = resolve; });
importScripts('qaward_worker.js');

onmessage = async (event) => {
  await ready;
  const { request, files } = event.data;
  const FS = Module.FS;
  for (const dir of ['/in', '/out']) {
    try { FS.mkdir(dir); } catch (e) { /* exists */ }
  }
  try { FS.unmount('/in'); } catch (e) { /* not mounted */ }
  FS.mount(Module.WORKERFS, { blobs: files.map((f) => ({ name: f.name, data: f.blob })) }, '/in');
  const result = JSON.parse(Module.ccall('qa_worker_package', 'string', ['string'], [JSON.stringify(request)]));
  if (!result.ok) {
    postMessage({ type: 'failed', result });
    return;
  }
  // The package becomes a Blob here, in the worker (copying it into the
  // browser's blob storage takes time); the page receives only a reference.
  const node = FS.lookupPath('/out/package.zip').node;
  const blob = new Blob([node.contents.subarray(0, node.usedBytes)], { type: 'application/zip' });
  FS.unlink('/out/package.zip');
  postMessage({ type: 'done', result, blob });
};
