// Runs first, in plain ES5 so that any browser can run it: checks what the
// app needs and either loads it (platform.js, then qaward.js) or says, in
// Chinese and English, what is missing and what to do, instead of leaving
// "Loading…" on screen (issue 20). The floors come from MDN's compatibility
// data: WebAssembly allowed by the page's security policy ('wasm-unsafe-eval',
// Chrome/Edge 97), modules of syntax the app's scripts use (Chrome 80),
// IndexedDB, workers and Promise-based fetch.
(function () {
  'use strict';
  var status = document.getElementById('status');
  // The baseline (README, "Browser baseline").
  var advice = '请使用 Chrome 或 Edge 97 及以上版本、Firefox 102 及以上版本、Safari 16 及以上版本，或 360、QQ 浏览器的最新版并切换到“极速模式”。' +
               ' Please use Chrome or Edge 97 or later, Firefox 102 or later, Safari 16 or later, or the latest 360 or QQ browser in its fast (Chromium) mode.';

  // WebAssembly that the page may compile: an empty module, compiled at once.
  function wasmRuns() {
    try {
      if (typeof WebAssembly !== 'object' || typeof WebAssembly.Module !== 'function') return false;
      var empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
      return new WebAssembly.Module(empty) instanceof WebAssembly.Module;
    } catch (e) {
      return false;  // absent, or refused by the security policy (an older browser without 'wasm-unsafe-eval')
    }
  }

  var missing = [];
  if (!wasmRuns()) missing.push('WebAssembly');
  if (typeof Promise === 'undefined' || typeof fetch !== 'function') missing.push('fetch / Promise');
  if (typeof Worker === 'undefined') missing.push('Web Worker');
  if (!window.indexedDB) missing.push('IndexedDB');
  if (typeof TextDecoder === 'undefined') missing.push('TextDecoder');

  if (missing.length > 0) {
    status.className = 'error';
    status.textContent = '此浏览器缺少本工具需要的功能（' + missing.join('、') + '），无法运行。' + advice +
                         ' This browser lacks what the app needs (' + missing.join(', ') + ').';
    document.documentElement.setAttribute('data-app-ready', 'unsupported');
    return;
  }
  // The app itself, in order.
  var scripts = ['platform.js', 'qaward.js'];
  for (var i = 0; i < scripts.length; i++) {
    var s = document.createElement('script');
    s.src = scripts[i];
    s.async = false;
    document.body.appendChild(s);
  }
})();
