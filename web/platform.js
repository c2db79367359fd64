// Browser glue for the WebAssembly app (app/gui/platform_web.cpp calls QA.*).
// - Text input: emscripten's GLFW emulation takes characters only from
//   keypress events, so input methods (Chinese) never reach a canvas. A hidden
//   textarea takes focus while the interface wants text and forwards committed
//   text; see ocornut/imgui#4910 and emscripten#12718.
// - Clipboard: the paste event's text is inserted at the caret (the app
//   ignores Ctrl+V itself); copies go to navigator.clipboard.
'use strict';

const QA = (() => {
  const ime = document.getElementById('ime');
  const status = document.getElementById('status');
  let wantText = false;

  function typeText(text) {
    if (text) Module.ccall('qa_type_text', null, ['string'], [text]);
  }

  // Committed composition (pinyin and other input methods).
  ime.addEventListener('compositionend', (e) => {
    typeText(e.data);
    ime.value = '';
  });
  // Plain typing and insertText; composition updates and line breaks are
  // ignored (ImGui sees Enter and Backspace as keys through GLFW).
  ime.addEventListener('input', (e) => {
    if (e.isComposing || e.inputType === 'insertCompositionText') return;
    if (e.inputType === 'insertText') typeText(e.data);
    ime.value = '';
  });
  ime.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (text) Module.ccall('qa_paste', null, ['string'], [text]);
    e.preventDefault();
  });
  // Keep focus while the interface wants text (a click on the canvas would
  // otherwise leave the textarea).
  ime.addEventListener('blur', () => {
    if (wantText) setTimeout(() => { if (wantText) ime.focus({ preventScroll: true }); }, 0);
  });
  // Offline use: a service worker keeps the app's files (web/sw.js).
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').catch((e) => console.warn('qaward: offline support unavailable: ' + e.message));
    navigator.serviceWorker.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'qaward-updated' && Module.calledRun) Module._qa_update_ready();
    });
  }
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && Module.calledRun) Module.ccall('qa_request_frames', null, ['number'], [2]);
  });

  // The mouse wheel: emscripten 3.1.6's GLFW passes deltaY on unchanged (the
  // wrong sign for GLFW, and in pixels), so the page normalizes it to wheel
  // steps itself and keeps the event from GLFW.
  window.addEventListener('wheel', (e) => {
    if (e.target !== Module.canvas || !Module.calledRun) return;
    const scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 1 : 1 / 100;
    Module._qa_scroll(-e.deltaX * scale, -e.deltaY * scale);
    e.preventDefault();
    e.stopPropagation();
  }, { capture: true, passive: false });

  // The file picker and drag-and-drop onto the page.
  const picker = document.createElement('input');
  picker.type = 'file';
  picker.id = 'attachment-picker';
  picker.multiple = true;
  picker.style.display = 'none';
  document.body.appendChild(picker);
  const pickedFiles = new Map();  // name -> File, read in chunks by the packaging worker
  let packager = null;
  async function attach(files) {
    for (const file of files) {
      pickedFiles.set(file.name.normalize('NFC'), file);
      const data = new Uint8Array(await file.arrayBuffer());
      const name = file.name.normalize('NFC');
      try {
        Module.FS.writeFile('/attachments/' + name, data);
      } catch (e) {
        Module.ccall('qa_attach_failed', null, ['string'], [name]);
        continue;
      }
      Module.ccall('qa_attached', null, ['string'], [name]);
    }
    QA.persist();
  }
  picker.addEventListener('change', () => { attach(Array.from(picker.files)); picker.value = ''; });
  // Packages to pre-check: kept in memory only (reviewer mode).
  let reviewed = 0;
  async function review(files) {
    try { Module.FS.mkdir('/review'); } catch (e) { /* exists */ }
    for (const file of files) {
      const path = '/review/' + (reviewed++) + '.zip';
      Module.FS.writeFile(path, new Uint8Array(await file.arrayBuffer()));
      Module.ccall('qa_review_added', null, ['string', 'string'], [path, file.name]);
    }
  }
  const packagePicker = document.createElement('input');
  packagePicker.type = 'file';
  packagePicker.multiple = true;
  packagePicker.accept = '.zip';
  packagePicker.id = 'package-picker';
  packagePicker.style.display = 'none';
  document.body.appendChild(packagePicker);
  packagePicker.addEventListener('change', () => { review(Array.from(packagePicker.files)); packagePicker.value = ''; });
  const draftPicker = document.createElement('input');
  draftPicker.type = 'file';
  draftPicker.accept = '.json,application/json';
  draftPicker.id = 'draft-picker';
  draftPicker.style.display = 'none';
  document.body.appendChild(draftPicker);
  // Large texts go through the heap, not ccall's (small) stack.
  function sendText(fn, text) {
    const n = lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    stringToUTF8(text, p, n);
    fn(p);
    Module._free(p);
  }
  draftPicker.addEventListener('change', async () => {
    const file = draftPicker.files[0];
    draftPicker.value = '';
    if (file) sendText(Module._qa_import_draft, await file.text());
  });
  const keyPicker = document.createElement('input');
  keyPicker.type = 'file';
  keyPicker.accept = '.key';
  keyPicker.id = 'key-picker';
  keyPicker.style.display = 'none';
  document.body.appendChild(keyPicker);
  keyPicker.addEventListener('change', async () => {
    const file = keyPicker.files[0];
    keyPicker.value = '';
    if (file) sendText(Module._qa_import_key, await file.text());
  });
  window.addEventListener('dragover', (e) => { e.preventDefault(); }, true);
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      (QA.dropTarget === 'review' ? review : attach)(Array.from(e.dataTransfer.files));
    }
  }, true);

  function showError(message) {
    status.textContent = message;
    status.className = 'error';
    document.documentElement.dataset.appReady = 'false';
  }

  return {
    textInput(active, cssX, cssY) {
      wantText = active;
      ime.style.left = `${cssX}px`;
      ime.style.top = `${cssY}px`;
      if (active) ime.focus({ preventScroll: true });
      else if (document.activeElement === ime) ime.blur();
    },
    clipboardWrite(text) {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(() => {});
      }
    },
    showError,
    // Small texts in this browser's storage; false when it is full or disabled.
    save(key, value) {
      try {
        localStorage.setItem(key, value);
        return true;
      } catch (e) {
        console.warn('qaward: could not save ' + key + ': ' + e.name);
        return false;
      }
    },
    load(key) {
      try { return localStorage.getItem(key); } catch (e) { return null; }
    },
    // Attachments: picked or dropped files are copied into /attachments (an
    // IndexedDB-backed folder, so they survive a reload) and announced to the app.
    pickFiles() { picker.click(); },
    // Packaging off the main thread (web/package-worker.js): the page keeps
    // drawing, the worker reads the files in chunks and hands the package back.
    packageInWorker(requestText, names) {
      const files = names.map((name) => ({
        name,
        blob: pickedFiles.get(name) || new Blob([Module.FS.readFile('/attachments/' + name)]),
      }));
      if (!packager) {
        packager = new Worker('package-worker.js');
        packager.onmessage = (e) => {
          const m = e.data;
          if (m.type === 'progress') {
            Module._qa_package_progress(m.done, m.total);
          } else if (m.type === 'done') {
            const url = URL.createObjectURL(m.blob);
            const a = document.createElement('a');
            a.href = url;
            a.download = m.result.package_id + '.zip';
            document.body.appendChild(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 60000);
            sendText(Module._qa_package_done, JSON.stringify(m.result));
          } else {
            sendText(Module._qa_package_done, JSON.stringify(m.result));
          }
        };
        packager.onerror = (e) => {
          sendText(Module._qa_package_done, JSON.stringify({ ok: false, message: { zh: '打包程序出错：' + e.message, en: 'The packager failed: ' + e.message } }));
          packager = null;
        };
      }
      packager.postMessage({ request: JSON.parse(requestText), files });
    },
    pickDraft() { draftPicker.click(); },
    pickKey() { keyPicker.click(); },
    pickPackages() { packagePicker.click(); },
    dropTarget: 'attach',
    persist() { Module.FS.syncfs(false, (err) => { if (err) console.warn('qaward: could not store attachments: ' + err); }); },
    // Offers a file of the in-memory file system as a download.
    download(path, name) {
      const data = Module.FS.readFile(path);
      const url = URL.createObjectURL(new Blob([data], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    },
    // Opens printable HTML (a notice, a cover sheet) in a new tab.
    openDocument(html) {
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      if (!window.open(url, '_blank')) QA.download_text(html, 'document.html');
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    },
    download_text(text, name) {
      const url = URL.createObjectURL(new Blob([text], { type: 'text/html;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    },
    // Test hook: what the interface holds (tests/e2e).
    state() { return JSON.parse(Module.ccall('qa_debug_state', 'string', [], [])); },
  };
})();

var Module = {
  canvas: document.getElementById('canvas'),
  // Attachments are kept in IndexedDB: mounted and loaded before main() runs.
  preRun: [() => {
    Module.FS.mkdir('/attachments');
    Module.FS.mount(Module.IDBFS, {}, '/attachments');
    Module.addRunDependency('qaward-attachments');
    Module.FS.syncfs(true, (err) => {
      if (err) console.warn('qaward: stored attachments could not be read: ' + err);
      Module.removeRunDependency('qaward-attachments');
    });
  }],
  print: (text) => console.log(text),
  printErr: (text) => console.warn(text),
  onAbort: () => QA.showError('程序无法启动，请使用最新版的 Chrome、Edge 或 Firefox。 The app could not start; please use a current Chrome, Edge or Firefox.'),
};
