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
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && Module.calledRun) Module.ccall('qa_request_frames', null, ['number'], [2]);
  });

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
    // Test hook: what the interface holds (tests/e2e).
    state() { return JSON.parse(Module.ccall('qa_debug_state', 'string', [], [])); },
  };
})();

var Module = {
  canvas: document.getElementById('canvas'),
  print: (text) => console.log(text),
  printErr: (text) => console.warn(text),
  onAbort: () => QA.showError('程序无法启动，请使用最新版的 Chrome、Edge 或 Firefox。 The app could not start; please use a current Chrome, Edge or Firefox.'),
};
