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

  // The text being composed (pinyin and other input methods) shows at the
  // caret, over the field, until it is committed; then it is typed.
  function showComposition(text) {
    ime.classList.toggle('composing', !!text);
    ime.style.width = text ? `${text.length + 1}em` : '';
  }
  ime.addEventListener('compositionupdate', (e) => showComposition(e.data));
  ime.addEventListener('compositionend', (e) => {
    showComposition('');
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
  const canvas = document.getElementById('canvas');

  // [SECTION] WebGL state known on this side. Dear ImGui's OpenGL backend
  // saves and restores some 25 pieces of GL state around every frame it draws
  // (glGetIntegerv, glIsEnabled); Chromium answers each such query from its
  // GPU process, and the page waited for it: 13 ms a frame under SwiftShader,
  // 40 % of the main thread while the coordinator imported 20 rating files.
  // This page is the context's only user, so the state it sets is recorded
  // as it sets it and those queries are answered from the record; anything
  // not recorded, and everything after the context is lost or restored, is
  // asked of WebGL as before. (tests/e2e/renderer checks the record against
  // WebGL's own answers.)
  const glState = (() => {
    let known = new Map();
    let gl = null;
    const real = {};
    const recorded = (key, ask) => {
      if (!known.has(key)) known.set(key, ask());
      return known.get(key);
    };
    // WebGL2's VERTEX_ARRAY_BINDING, the same number as OES_vertex_array_object's in WebGL1.
    const VERTEX_ARRAY_BINDING = 0x85B5;
    const unit = () => recorded(gl.ACTIVE_TEXTURE, () => real.getParameter(gl.ACTIVE_TEXTURE));
    function getParameter(p) {
      switch (p) {
        case gl.TEXTURE_BINDING_2D: return recorded('texture@' + unit(), () => real.getParameter(p));
        case gl.SAMPLER_BINDING: return recorded('sampler@' + (unit() - gl.TEXTURE0), () => real.getParameter(p));
        case gl.VIEWPORT: case gl.SCISSOR_BOX: return new Int32Array(recorded(p, () => real.getParameter(p)));
        case gl.ACTIVE_TEXTURE: case gl.CURRENT_PROGRAM: case gl.ARRAY_BUFFER_BINDING: case gl.ELEMENT_ARRAY_BUFFER_BINDING:
        case VERTEX_ARRAY_BINDING: case gl.BLEND_SRC_RGB: case gl.BLEND_DST_RGB: case gl.BLEND_SRC_ALPHA:
        case gl.BLEND_DST_ALPHA: case gl.BLEND_EQUATION_RGB: case gl.BLEND_EQUATION_ALPHA:
          return recorded(p, () => real.getParameter(p));
        default: break;
      }
      return real.getParameter(p);
    }
    // Each setter records what it set, after WebGL took it.
    const setters = {
      activeTexture: (u) => known.set(gl.ACTIVE_TEXTURE, u),
      // (Emscripten passes undefined for object 0: WebGL's null.)
      bindTexture: (target, t) => { if (target === gl.TEXTURE_2D) known.set('texture@' + unit(), t || null); },
      bindSampler: (i, s) => known.set('sampler@' + i, s || null),
      useProgram: (p) => known.set(gl.CURRENT_PROGRAM, p || null),
      bindBuffer: (target, b) => {
        if (target === gl.ARRAY_BUFFER) known.set(gl.ARRAY_BUFFER_BINDING, b || null);
        if (target === gl.ELEMENT_ARRAY_BUFFER) known.set(gl.ELEMENT_ARRAY_BUFFER_BINDING, b || null);
      },
      bindVertexArray: (v) => {
        known.set(VERTEX_ARRAY_BINDING, v || null);
        known.delete(gl.ELEMENT_ARRAY_BUFFER_BINDING);  // each vertex array has its own
      },
      viewport: (x, y, w, h) => {
        // (WebGL clamps a size beyond its maximum: that one is asked again.)
        const max = recorded('max_viewport', () => real.getParameter(gl.MAX_VIEWPORT_DIMS));
        if (w >= 0 && h >= 0 && w <= max[0] && h <= max[1]) known.set(gl.VIEWPORT, Int32Array.of(x, y, w, h));
        else known.delete(gl.VIEWPORT);
      },
      scissor: (x, y, w, h) => (w >= 0 && h >= 0 ? known.set(gl.SCISSOR_BOX, Int32Array.of(x, y, w, h)) : known.delete(gl.SCISSOR_BOX)),
      blendFunc: (s, d) => setters.blendFuncSeparate(s, d, s, d),
      blendFuncSeparate: (sr, dr, sa, da) => {
        known.set(gl.BLEND_SRC_RGB, sr); known.set(gl.BLEND_DST_RGB, dr);
        known.set(gl.BLEND_SRC_ALPHA, sa); known.set(gl.BLEND_DST_ALPHA, da);
      },
      blendEquation: (m) => setters.blendEquationSeparate(m, m),
      blendEquationSeparate: (r, a) => { known.set(gl.BLEND_EQUATION_RGB, r); known.set(gl.BLEND_EQUATION_ALPHA, a); },
      enable: (cap) => known.set('enabled@' + cap, true),
      disable: (cap) => known.set('enabled@' + cap, false),
      // A deleted object is unbound wherever it was bound.
      deleteTexture: (t) => forgetBound(t), deleteBuffer: (b) => forgetBound(b), deleteSampler: (s) => forgetBound(s),
      deleteVertexArray: (v) => { if (v && known.get(VERTEX_ARRAY_BINDING) === v) setters.bindVertexArray(null); },
    };
    function forgetBound(object) {
      if (!object) return;
      for (const [key, value] of known) if (value === object) known.set(key, null);
    }
    return {
      keep(context) {
        if (gl) return;  // one context per page
        gl = context;
        real.getParameter = context.getParameter.bind(context);
        real.isEnabled = context.isEnabled.bind(context);
        context.getParameter = getParameter;
        context.isEnabled = (cap) => recorded('enabled@' + cap, () => real.isEnabled(cap));
        // Each setter wrapped, also one put on the context later: in WebGL1,
        // emscripten installs bindVertexArray from OES_vertex_array_object.
        for (const [name, after] of Object.entries(setters)) {
          let f = context[name];
          const wrapped = function (...args) {
            const r = f.apply(context, args);
            if (!context.isContextLost()) after(...args);
            return r;
          };
          Object.defineProperty(context, name, {
            configurable: true,
            get: () => (typeof f === 'function' ? wrapped : f),
            set: (g) => { f = g; },
          });
        }
      },
      forget() { known = new Map(); },
      // Test hook: each recorded answer that differs from WebGL's own now.
      mismatches() {
        if (!gl) return [];
        const out = [];
        const same = (a, b) => (ArrayBuffer.isView(a) ? String(Array.from(a)) === String(Array.from(b || [])) : a === b);
        for (const [key, value] of known) {
          if (key === 'max_viewport') continue;
          let actual;
          if (typeof key === 'number') actual = real.getParameter(key);
          else if (key.startsWith('enabled@')) actual = real.isEnabled(Number(key.slice(8)));
          else if (key.startsWith('texture@') || key.startsWith('sampler@')) {
            const [what, at] = key.split('@');
            const u = what === 'texture' ? Number(at) : gl.TEXTURE0 + Number(at);
            const active = real.getParameter(gl.ACTIVE_TEXTURE);
            Object.getPrototypeOf(gl).activeTexture.call(gl, u);
            actual = real.getParameter(what === 'texture' ? gl.TEXTURE_BINDING_2D : gl.SAMPLER_BINDING);
            Object.getPrototypeOf(gl).activeTexture.call(gl, active);
          }
          if (!same(value, actual)) out.push(`${key}: recorded ${value}, WebGL ${actual}`);
        }
        return out;
      },
    };
  })();
  {
    const getContext = canvas.getContext.bind(canvas);
    canvas.getContext = (type, attributes) => {
      const context = getContext(type, attributes);
      if (context && (type === 'webgl2' || type === 'webgl')) glState.keep(context);
      return context;
    };
  }

  // A lost WebGL context (virtual desktops reconnecting, driver resets) may
  // come back only if the page says it wants it back; then the interface
  // makes its GPU objects again. One that has not come back after a few
  // seconds (a blocklisted or removed GPU) is given up: the software renderer
  // takes over. What is typed lives in the draft, not there.
  const RESTORE_WAIT_MS = 3000;
  let lostTimer = 0;
  canvas.addEventListener('webglcontextlost', (e) => {
    glState.forget();
    e.preventDefault();
    clearTimeout(lostTimer);
    lostTimer = setTimeout(() => { if (Module.calledRun) Module._qa_gl_gave_up(); }, RESTORE_WAIT_MS);
  });
  canvas.addEventListener('webglcontextrestored', () => {
    glState.forget();
    clearTimeout(lostTimer);
    if (Module.calledRun) Module._qa_gl_restored();
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && Module.calledRun) Module.ccall('qa_request_frames', null, ['number'], [2]);
  });

  // The mouse wheel: emscripten 3.1.6's GLFW passes deltaY on unchanged (the
  // wrong sign for GLFW, and in pixels), so the page normalizes it to wheel
  // steps itself and keeps the event from GLFW.
  // Over a long text's text area the wheel scrolls the text while it can,
  // then the page (which would otherwise stop under the pointer).
  function scrollsItself(el, dy) {
    if (!el.classList || !el.classList.contains('long-text')) return false;
    return dy < 0 ? el.scrollTop > 0 : dy > 0 && el.scrollTop + el.clientHeight < el.scrollHeight - 1;
  }
  window.addEventListener('wheel', (e) => {
    const over = e.target === Module.canvas || (e.target.closest && e.target.closest('#semantics'));
    if (!Module.calledRun || !over) return;
    if (scrollsItself(e.target, e.deltaY)) return;
    const scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 1 : 1 / 100;
    Module._qa_scroll(-e.deltaX * scale, -e.deltaY * scale);
    e.preventDefault();
    e.stopPropagation();
  }, { capture: true, passive: false });

  // [SECTION] Font slices (app/gui/fonts.hpp): fetched once each when a
  // character first needs one (the service worker keeps them for offline
  // use), handed to the WebAssembly heap, which keeps them.
  const fontLoads = new Map();  // file -> Promise
  function loadFont(file) {
    if (!fontLoads.has(file)) {
      fontLoads.set(file, (async () => {
        try {
          const response = await fetch(file);
          if (!response.ok) throw new Error(response.status + ' ' + response.statusText);
          const bytes = new Uint8Array(await response.arrayBuffer());
          const p = Module._malloc(bytes.length);
          HEAPU8.set(bytes, p);
          Module.ccall('qa_font_slice', null, ['string', 'number', 'number'], [file, p, bytes.length]);
        } catch (e) {
          console.warn('qaward: font slice ' + file + ' could not be fetched: ' + e.message);
          Module.ccall('qa_font_failed', null, ['string'], [file]);
        }
      })());
    }
    return fontLoads.get(file);
  }

  // [SECTION] Long texts (app_state.hpp TextArea): a real <textarea> over
  // each long text the interface draws, so that the browser wraps the text
  // while it is written, shows the composition, undoes by word and pastes
  // 30,000 characters at once. Their keys are kept from GLFW (which listens
  // on the window, in the capture phase, and would hand them to the
  // interface as well): this listener is registered first.
  const textAreas = new Map();  // id -> element
  // The software renderer's canvas: the page's own, or, once a lost WebGL
  // context was given up (a canvas that had WebGL gives no 2D context), one
  // laid over it that lets the mouse through to it.
  const presenter = { canvas: null, context: null, image: null, pixels: 0 };
  for (const type of ['keydown', 'keyup', 'keypress']) {
    window.addEventListener(type, (e) => {
      if (e.target && e.target.classList && e.target.classList.contains('long-text')) e.stopImmediatePropagation();
    }, true);
  }
  function textArea(id) {
    let el = textAreas.get(id);
    if (el) return el;
    el = document.createElement('textarea');
    el.className = 'long-text';
    el.spellcheck = false;
    el.setAttribute('autocomplete', 'off');
    el.dataset.id = id;
    el.dataset.key = '';
    el.addEventListener('input', () => {
      const p = allocateText(el.value);
      Module.ccall('qa_text_area_input', null, ['string', 'number'], [id, p]);
      Module._free(p);
    });
    // The interface's own text input lets go while a text area has focus.
    el.addEventListener('focus', () => { wantText = false; });
    document.body.appendChild(el);
    textAreas.set(id, el);
    return el;
  }
  // Where each goes is its semantics node's rectangle (syncSemantics); here
  // its text, type size and whether a popup covers it.
  function syncTextAreas(list) {
    const drawn = new Set();
    for (const a of list) {
      const el = textArea(a.id);
      drawn.add(a.id);
      Object.assign(el.style, {
        fontSize: `${a.line / 1.45}px`, lineHeight: `${a.line}px`, padding: `${a.padding}px`,
        visibility: a.covered ? 'hidden' : '',
      });
      el.setAttribute('aria-label', a.label);
      if ('text' in a && el.value !== a.text) el.value = a.text;
    }
    for (const [id, el] of textAreas) if (!drawn.has(id)) el.style.display = 'none';
  }

  // [SECTION] Semantics mirror (app/gui/semantics.hpp): a real element for
  // each node of the interface, laid transparent over the canvas where it
  // is drawn, so that screen readers, the keyboard (Tab, Enter, Space, the
  // arrows), Ctrl+F, selection and translation see the page. Panels are
  // scrolling elements holding their nodes in content coordinates: a
  // panel's scroll moves one element, not its nodes. Updated by the nodes
  // that changed (nothing on an idle frame). The mouse still goes to the
  // canvas: controls let it through; texts take it for selection and pass
  // it on.
  const mirror = document.getElementById('semantics');
  const descriptions = document.getElementById('semantics-descriptions');
  const elements = new Map();  // key -> element
  const nodeOf = new Map();    // key -> node as last applied
  let activeField = '';
  const words = {
    'zh-CN': { help: '说明', skip: '跳到正文' },
    en: { help: 'Help', skip: 'Skip to content' },
  };
  const tagOf = {
    scroll: 'div', heading: 'h2', paragraph: 'p', status: 'p', alert: 'p', button: 'button', link: 'a',
    checkbox: 'input', radiogroup: 'div', radio: 'input', combo: 'select', textfield: 'input', slider: 'input',
    progress: 'progress', disclosure: 'button', table: 'div', row: 'div', columnheader: 'div', cell: 'div',
  };
  const idOf = (key) => 's-' + key;
  const keyOf = (el) => (el && el.dataset ? el.dataset.key || '' : '');
  function make(n) {
    if (n.r === 'textarea') return textArea(n.v);
    let tag = tagOf[n.r] || 'p';
    if (n.r === 'heading') tag = 'h' + Math.min(Math.max(n.l || 2, 1), 3);
    if (n.r === 'scroll' && n.m) tag = n.m;
    const el = document.createElement(tag);
    el.className = 'sem sem-' + n.r;
    if (tag === 'input') el.type = { checkbox: 'checkbox', radio: 'radio', slider: 'range', textfield: 'text' }[n.r];
    if (tag === 'button') el.type = 'button';
    if (tag === 'a') el.href = '#';
    if (n.r === 'scroll') {
      el.appendChild(document.createElement('div')).className = 'sem-size';
      el.addEventListener('scroll', () => {  // the browser scrolled it (find, focus): the canvas follows
        const [sx, sy] = el._scroll || [0, 0];
        if (Math.abs(el.scrollLeft - sx) >= 1 || Math.abs(el.scrollTop - sy) >= 1) {
          el._scroll = [el.scrollLeft, el.scrollTop];
          Module.ccall('qa_sem_scroll', null, ['string', 'number', 'number'], [el.dataset.key, el.scrollLeft, el.scrollTop]);
        }
      });
    }
    if (n.r === 'table' || n.r === 'row' || n.r === 'columnheader' || n.r === 'cell' || n.r === 'radiogroup') {
      el.setAttribute('role', n.r);
    }
    if (n.r === 'status' || n.r === 'alert') el.setAttribute('role', n.r);
    if (n.r === 'progress') el.max = 1;
    return el;
  }
  function setAttr(el, name, value) {
    if (value === undefined || value === null || value === false) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? 'true' : value);
  }
  function apply(el, n, lang) {
    const f = n.f || '';
    const flag = (c) => f.includes(c);
    if (n.b && n.r !== 'scroll') {
      const [x, y, w, h] = n.b;
      Object.assign(el.style, { left: `${x}px`, top: `${y}px`, width: `${w}px`, height: `${h}px` });
    }
    if (n.r === 'scroll') {
      const [x, y, w, h] = n.b;
      const [sx, sy, cw, ch] = n.s;
      Object.assign(el.style, { left: `${x}px`, top: `${y}px`, width: `${w}px`, height: `${h}px` });
      Object.assign(el.firstChild.style, { width: `${cw}px`, height: `${ch}px` });
      // Whether the interface scrolls it sideways (a wide table) or down:
      // what lies beyond a panel that does not is cut off, not reachable.
      el.dataset.scrollsX = cw > w + 1 ? '1' : '';
      el.dataset.scrollsY = ch > h + 1 ? '1' : '';
      el._scroll = [sx, sy];
      if (Math.abs(el.scrollLeft - sx) >= 1) el.scrollLeft = sx;
      if (Math.abs(el.scrollTop - sy) >= 1) el.scrollTop = sy;
      el._scroll = [el.scrollLeft, el.scrollTop];
      setAttr(el, 'aria-label', n.m && n.n ? n.n : null);
      if (n.m === 'main') el.id = 'main';
      return;
    }
    const name = n.n || '';
    const text = ['heading', 'paragraph', 'status', 'alert', 'button', 'link', 'disclosure', 'columnheader', 'cell'];
    if (n.r === 'button' && name === '(?)') {
      el.textContent = '(?)';
      el.setAttribute('aria-label', words[lang].help);
    } else if (text.includes(n.r)) {
      if (el.textContent !== name) el.textContent = name;
    } else if (n.r !== 'textarea' && n.r !== 'row' && n.r !== 'table' && n.r !== 'radiogroup') {
      setAttr(el, 'aria-label', name || null);
    }
    if (n.r === 'table') setAttr(el, 'aria-label', name || null);
    setAttr(el, 'aria-labelledby', !name && n.lb ? idOf(n.lb) : null);
    // A description (help behind "(?)", a day's name, an error): read with
    // the element, and a text that has one takes the focus to reach it.
    let d = document.getElementById(idOf(n.k) + '-d');
    if (n.d) {
      if (!d) {
        d = descriptions.appendChild(document.createElement('span'));
        d.id = idOf(n.k) + '-d';
      }
      d.textContent = n.d;
      el.setAttribute('aria-describedby', d.id);
      if (text.includes(n.r) && tagOf[n.r] === 'p') el.tabIndex = 0;
    } else {
      if (d) d.remove();
      el.removeAttribute('aria-describedby');
    }
    if (n.r === 'heading' && flag('f')) {
      el.tabIndex = -1;
      el.dataset.title = '1';
    }
    if (n.r === 'checkbox' || n.r === 'radio') el.checked = flag('c');
    if (n.r === 'radio') el.name = n.p || '';
    if (n.r === 'link') setAttr(el, 'aria-current', flag('a') ? 'page' : null);
    if (n.r === 'disclosure') el.setAttribute('aria-expanded', flag('e') ? 'true' : 'false');
    if ('disabled' in el && n.r !== 'scroll') el.disabled = flag('d');
    setAttr(el, 'aria-invalid', flag('i') ? 'true' : null);
    if (n.r === 'textfield') {
      el.type = flag('p') ? 'password' : 'text';
      if (el.value !== (n.v || '')) el.value = n.v || '';
    }
    if (n.r === 'combo') {
      const options = (n.sel < 0 ? [n.v || ''] : []).concat(n.o || []);
      if (el.options.length !== options.length || options.some((o, i) => el.options[i].text !== o)) {
        el.replaceChildren(...options.map((o) => new Option(o, o)));
      }
      el.selectedIndex = n.sel < 0 ? 0 : n.sel;
      el._offset = n.sel < 0 ? 1 : 0;
    }
    if (n.r === 'slider') {
      const [v, min, max] = n.num;
      Object.assign(el, { min, max, step: 1, value: v });
      setAttr(el, 'aria-valuetext', n.v || null);
    }
    if (n.r === 'progress') el.value = n.num[0];
  }
  function syncSemantics(update) {
    const lang = update.lang === 'en' ? 'en' : 'zh-CN';
    if (mirror.lang !== lang) {
      mirror.lang = lang;
      document.getElementById('skip').textContent = words[lang].skip;
    }
    for (const n of update.nodes) {
      let el = elements.get(n.k);
      const before = nodeOf.get(n.k);
      if (el && before && (before.r !== n.r || (n.r === 'heading' && before.l !== n.l))) {
        el.remove();
        el = null;
      }
      if (!el) {
        el = make(n);
        el.dataset.key = n.k;
        elements.set(n.k, el);
      }
      if (el.id !== 'main') el.id = idOf(n.k);
      apply(el, n, lang);
      nodeOf.set(n.k, n);
    }
    if (update.order) {
      const keep = new Set(update.order);
      const hadFocus = mirror.contains(document.activeElement) ? document.activeElement : null;
      for (const [key, el] of elements) {
        if (keep.has(key)) continue;
        if (el.classList.contains('long-text')) el.style.display = 'none';
        else el.remove();
        elements.delete(key);
        nodeOf.delete(key);
        const d = document.getElementById(idOf(key) + '-d');
        if (d) d.remove();
      }
      // Each element after the one before it in its parent (reading order).
      const lastChild = new Map();
      for (const key of update.order) {
        const el = elements.get(key);
        const n = nodeOf.get(key);
        const parent = (n.p && elements.get(n.p)) || mirror;
        const after = lastChild.get(parent) || (parent.classList.contains('sem-scroll') ? parent.firstChild : null);
        const wanted = after ? after.nextSibling : parent.firstChild;
        if (el.parentNode !== parent || wanted !== el) parent.insertBefore(el, wanted);
        if (el.classList.contains('long-text')) el.style.display = '';
        lastChild.set(parent, el);
      }
      if (hadFocus && !mirror.contains(hadFocus)) update.focusTitle = true;
    }
    activeField = update.active || '';
    if (activeField && elements.get(activeField)) {
      ime.setAttribute('aria-label', accessibleName(elements.get(activeField)));
    }
    if (update.focusTitle) {
      const title = mirror.querySelector('main [data-title]');
      if (title) title.focus({ preventScroll: true });
    }
  }
  function accessibleName(el) {
    const by = el.getAttribute('aria-labelledby');
    return el.getAttribute('aria-label') || (by && document.getElementById(by) ? document.getElementById(by).textContent : '');
  }
  // What the mirror's elements do: they ask the interface to do it.
  const activate = (key) => Module.ccall('qa_sem_activate', null, ['string'], [key]);
  mirror.addEventListener('click', (e) => {
    const el = e.target.closest('[data-key]');
    if (!el || el.tagName === 'SELECT' || el.type === 'range' || el.type === 'text' || el.type === 'password') return;
    if (el.tagName === 'A') e.preventDefault();
    if (el.tagName === 'BUTTON' || el.tagName === 'A') activate(el.dataset.key);
  });
  mirror.addEventListener('change', (e) => {
    const el = e.target;
    if (el.type === 'checkbox' || el.type === 'radio') activate(el.dataset.key);
    if (el.tagName === 'SELECT') {
      Module.ccall('qa_sem_choose', null, ['string', 'number'], [el.dataset.key, el.selectedIndex - (el._offset || 0)]);
    }
  });
  mirror.addEventListener('input', (e) => {
    const el = e.target;
    if (el.type === 'range') Module.ccall('qa_sem_choose', null, ['string', 'number'], [el.dataset.key, Number(el.value)]);
  });
  mirror.addEventListener('focusin', (e) => {
    const key = keyOf(e.target.closest('[data-key]'));
    Module.ccall('qa_sem_focus', null, ['string'], [key]);
    // Focus moved elsewhere (a screen reader's cursor, a click) while a field
    // was being edited: the field is let go, as Tab out of it does.
    if (activeField && e.target !== elements.get(activeField)) {
      Module._qa_sem_release();
      wantText = false;
    }
    // A one-line field: the interface edits it (its text goes through #ime).
    if (e.target.type === 'text' || e.target.type === 'password') activate(key);
  });
  mirror.addEventListener('focusout', (e) => {
    if (!mirror.contains(e.relatedTarget)) Module.ccall('qa_sem_focus', null, ['string'], ['']);
  });
  // Tab out of a field being edited goes on from the field's place.
  function focusable() {
    return Array.from(mirror.querySelectorAll('button, a[href], input, select, textarea, [tabindex="0"]'))
      .filter((el) => !el.disabled && el.style.display !== 'none' && el.style.visibility !== 'hidden');
  }
  function tabFromField(e) {
    const list = focusable();
    const at = list.indexOf(elements.get(activeField));
    const next = list[at + (e.shiftKey ? -1 : 1)];
    e.preventDefault();
    Module._qa_sem_release();
    wantText = false;
    if (next) next.focus();
    else ime.blur();
  }
  // Keys on the mirror's elements are theirs (Enter presses a button, the
  // arrows choose a radio), and Tab is the browser's everywhere: all are
  // kept from GLFW (which listens on the window and would act on them too,
  // and cancels Tab). These listeners come before GLFW's.
  for (const type of ['keydown', 'keyup', 'keypress']) {
    window.addEventListener(type, (e) => {
      const t = e.target;
      if (t === ime && e.key === 'Tab' && activeField && elements.get(activeField)) {
        if (type === 'keydown') tabFromField(e);
        e.stopImmediatePropagation();
      } else if (t !== ime && (e.key === 'Tab' || (mirror.contains(t) && !t.classList.contains('long-text')))) {
        e.stopImmediatePropagation();
      }
    }, true);
  }
  // The mouse over a text (selectable) still reaches the canvas.
  for (const type of ['mousedown', 'mouseup', 'mousemove']) {
    mirror.addEventListener(type, (e) => {
      if (e.target.classList.contains('long-text')) return;
      Module.canvas.dispatchEvent(new MouseEvent(type, e));
    });
  }
  // Text found (window.find, a screen reader's caret, Ctrl+F's selection)
  // is brought into view: its panel scrolls, and the canvas follows.
  document.addEventListener('selectionchange', () => {
    const s = document.getSelection();
    const node = s && s.rangeCount ? s.focusNode : null;
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    const target = el && mirror.contains(el) ? el.closest('.sem') : null;
    const panel = target && target.parentElement.closest('.sem-scroll');
    if (!panel) return;
    const r = target.getBoundingClientRect(), p = panel.getBoundingClientRect();
    const outOfView = r.bottom <= p.top || r.top >= p.bottom || r.right <= p.left || r.left >= p.right;
    if (outOfView) target.scrollIntoView({ block: 'nearest', inline: 'nearest' });  // (text selected in view stays put)
  });
  // A click on the canvas takes the focus from the mirror (the canvas is
  // not focusable itself): the interface's field clicked gets the keys.
  canvas.addEventListener('mousedown', () => {
    if (mirror.contains(document.activeElement)) document.activeElement.blur();
  }, true);
  // [SECTION] Touch: one finger dragged scrolls the panel under it (Dear
  // ImGui scrolls only by wheel); a tap reaches the interface as the mouse
  // events the browser makes of it; two fingers are the browser's (pinch
  // zoom stays). GLFW's own touch handling (a press that a scroll would turn
  // into a click) sees none of it.
  let touch = null;  // { x, y, panel, scrolling }
  function panelAt(x, y) {
    let found = null;  // the innermost panel that scrolls, last in document order
    for (const el of mirror.querySelectorAll('.sem-scroll')) {
      const r = el.getBoundingClientRect();
      const scrolls = el.dataset.scrollsX || el.dataset.scrollsY;
      if (scrolls && x >= r.left && x < r.right && y >= r.top && y < r.bottom) found = el;
    }
    return found;
  }
  const inPage = (t) => t === canvas || (mirror.contains(t) && !t.classList.contains('long-text'));
  window.addEventListener('touchstart', (e) => {
    if (!inPage(e.target)) return;
    e.stopImmediatePropagation();
    const p = e.touches[0];
    touch = e.touches.length === 1 ? { x: p.clientX, y: p.clientY, panel: panelAt(p.clientX, p.clientY), scrolling: false } : null;
  }, { capture: true, passive: true });
  window.addEventListener('touchmove', (e) => {
    if (!inPage(e.target)) return;
    e.stopImmediatePropagation();
    if (!touch || e.touches.length !== 1 || !touch.panel) return;
    const p = e.touches[0];
    const dx = p.clientX - touch.x, dy = p.clientY - touch.y;
    if (!touch.scrolling && Math.hypot(dx, dy) < 8) return;
    touch.scrolling = true;
    if (touch.panel.dataset.scrollsX) touch.panel.scrollLeft -= dx;
    if (touch.panel.dataset.scrollsY) touch.panel.scrollTop -= dy;  // its scroll event scrolls the canvas
    touch.x = p.clientX;
    touch.y = p.clientY;
    e.preventDefault();
  }, { capture: true, passive: false });
  for (const type of ['touchend', 'touchcancel']) {
    window.addEventListener(type, (e) => {
      if (!inPage(e.target)) return;
      e.stopImmediatePropagation();
      if (e.touches.length === 0) touch = null;
    }, { capture: true, passive: true });
  }
  document.getElementById('skip').addEventListener('click', (e) => {
    e.preventDefault();
    const title = mirror.querySelector('main [data-title]');
    if (title) title.focus();
  });

  // Large texts go through the heap, not ccall's (small) stack.
  function allocateText(text) {
    const n = lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    stringToUTF8(text, p, n);
    return p;
  }
  function sendText(fn, text) {
    const p = allocateText(text);
    fn(p);
    Module._free(p);
  }

  // Offers a Blob or File as a download.
  function offer(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // [SECTION] Attachments are kept in IndexedDB as the File objects themselves:
  // the browser copies their bytes to disk; nothing passes through this page's
  // memory or the WebAssembly heap. They survive a reload or a crashed tab.
  const store = (() => {
    let db = null;
    function open() {
      db = db || new Promise((resolve, reject) => {
        const req = indexedDB.open('qaward', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('attachments');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      return db;
    }
    async function transact(mode, fn) {
      const d = await open();
      return new Promise((resolve, reject) => {
        const t = d.transaction('attachments', mode);
        const req = fn(t.objectStore('attachments'));
        t.oncomplete = () => resolve(req.result);
        t.onerror = () => reject(t.error);
        t.onabort = () => reject(t.error || new DOMException('aborted', 'AbortError'));
      });
    }
    return {
      put: (name, file) => transact('readwrite', (s) => s.put(file, name)),
      get: (name) => transact('readonly', (s) => s.get(name)).catch(() => undefined),
      remove: (name) => transact('readwrite', (s) => s.delete(name)),
    };
  })();

  // [SECTION] The worker (web/package-worker.js): hashing, packaging,
  // verifying, countersigning, one job at a time, off this thread.
  // Hashing attachments as they arrive is spread over two workers (files are
  // independent, and most machines have two cores); everything else runs in
  // the first, one job after another.
  const pool = [];  // { worker, jobs: Map id -> { resolve, on: { progress, output, settled, written } } }
  let nextJob = 1;
  function startWorker(slot) {
    const entry = { worker: new Worker('package-worker.js'), jobs: new Map() };
    entry.worker.onmessage = (e) => {
      const m = e.data;
      const pending = entry.jobs.get(m.id);
      if (!pending) return;
      if (m.type !== 'done') {  // progress, output, settled, written
        if (pending.on[m.type]) pending.on[m.type](m);
        return;
      }
      QA.workerHeap = Math.max(QA.workerHeap, m.heap || 0);
      entry.jobs.delete(m.id);
      pending.resolve(m);
      if (m.fatal) fail(m.result);  // the worker ended itself
    };
    // Jobs still queued in a worker that failed get its message; the next
    // job starts a fresh worker.
    function fail(result) {
      for (const pending of entry.jobs.values()) pending.resolve({ result });
      entry.jobs.clear();
      entry.worker.terminate();
      if (pool[slot] === entry) pool[slot] = null;
    }
    entry.worker.onerror = (e) => {
      fail({ ok: false, message: { zh: '后台程序出错：' + e.message, en: 'The background worker failed: ' + e.message } });
    };
    pool[slot] = entry;
    return entry;
  }
  const twoCores = (navigator.hardwareConcurrency || 1) > 1;
  // `on` handles the job's messages before its result; `slot` picks the worker
  // (by default the first, or the less busy one for hashing an attachment).
  function job(message, on = {}, slot = undefined) {
    if (slot === undefined) {
      const load = (i) => (pool[i] ? pool[i].jobs.size : 0);
      slot = message.kind === 'inspect' && twoCores && load(1) < load(0) ? 1 : 0;
    }
    const entry = pool[slot] || startWorker(slot);
    const id = nextJob++;
    return new Promise((resolve) => {
      entry.jobs.set(id, { resolve, on });
      entry.worker.postMessage({ ...message, id });
    });
  }

  // Hashes a stored attachment (size, SHA-256, CRC-32, state-secret marks).
  async function inspect(name) {
    const blob = await store.get(name);
    if (!blob) {
      Module.ccall('qa_attachment_missing', null, ['string'], [name]);
      return;
    }
    const m = await job({ kind: 'inspect', name, blob },
      { progress: (p) => Module.ccall('qa_attachment_progress', null, ['string', 'number'], [name, p.done]) });
    Module.ccall('qa_attachment_checked', null, ['string', 'string'], [name, JSON.stringify(m.result)]);
  }

  // A hidden file input (the tests find it by id); `take` gets the chosen files.
  function filePicker(id, { multiple = false, accept = '' }, take) {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = id;
    input.multiple = multiple;
    input.accept = accept;
    input.style.display = 'none';
    document.body.appendChild(input);
    input.addEventListener('change', () => {
      const files = Array.from(input.files);
      input.value = '';
      if (files.length) take(files);
    });
    return input;
  }
  // A file read as text and handed to the app through `fn`.
  const textTo = (fn) => async (files) => sendText(fn, await files[0].text());

  // [SECTION] Keeping the work (issue 20, item 6). Browser storage is
  // best-effort: under storage pressure Chromium and Firefox may clear it, and
  // Safari clears a site's storage after 7 days without a visit, unless the
  // browser grants persistence. It is asked for once, when the first
  // attachment or key is stored (asking before there is anything to keep
  // would be a question without a reason); the interface shows the answer,
  // what is used and what is left.
  let persistAsked = (() => { try { return localStorage.getItem('qaward.persist_asked') === '1'; } catch (e) { return false; } })();
  async function reportStorage() {
    const s = navigator.storage;
    if (!s || !s.estimate) return;
    try {
      const persisted = s.persisted ? await s.persisted() : false;
      const { usage = 0, quota = 0 } = await s.estimate();
      Module.ccall('qa_storage', null, ['number', 'number', 'number', 'number'], [persisted ? 1 : 0, persistAsked ? 1 : 0, usage, quota]);
    } catch (e) { /* nothing known: nothing said */ }
  }
  async function keepForLong() {
    if (!persistAsked && navigator.storage && navigator.storage.persist) {
      persistAsked = true;
      try { localStorage.setItem('qaward.persist_asked', '1'); } catch (e) { /* asked again next time */ }
      await navigator.storage.persist().catch(() => false);
    }
    await reportStorage();
  }

  // The file picker and drag-and-drop onto the page.
  async function attach(files) {
    for (const file of files) {
      const name = file.name.normalize('NFC');
      try {
        await store.put(name, file);
      } catch (e) {
        console.warn('qaward: could not store ' + name + ': ' + e.name);
        Module.ccall('qa_attach_failed', null, ['string'], [name]);
        continue;
      }
      Module.ccall('qa_attached', null, ['string', 'number'], [name, file.size]);
      inspect(name);
    }
    keepForLong();
  }
  const picker = filePicker('attachment-picker', { multiple: true }, attach);

  // Packages to pre-check (reviewer mode): verified in the worker, read in
  // chunks from the user's disk; kept only as File references, never uploaded.
  const reviewed = new Map();  // token -> File
  let nextReview = 1;
  let officeKey = '';  // the office's public key the reviewer pinned, or ''
  const verify = (token) => job({ kind: 'verify', blob: reviewed.get(token), officeKey })
    .then((m) => sendText((p) => Module._qa_review_done(token, p), JSON.stringify(m.result)));
  function review(files) {
    for (const file of files) {
      const token = nextReview++;
      reviewed.set(token, file);
      Module.ccall('qa_review_started', null, ['string', 'number'], [file.name, token]);
      verify(token);
    }
  }
  const packagePicker = filePicker('package-picker', { multiple: true, accept: '.zip' }, review);
  // Raters' files for the coordinator (issue 17): each read as text; a file
  // far larger than any rating (a few KB) is not read at all, only named.
  const kRatingMax = 4 * 1024 * 1024;
  // One file a frame: twenty at once would redraw the comparison for all of
  // them in one long task; one at a time the page shows each arriving.
  const afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  async function ratings(files) {
    for (const file of files) {
      const text = file.size <= kRatingMax ? await file.text() : '';
      Module.ccall('qa_rating_chosen', null, ['string', 'string', 'number'], [file.name.normalize('NFC'), text, file.size]);
      await afterNextFrame();
    }
  }
  const ratingPicker = filePicker('rating-picker', { multiple: true, accept: '.json,application/json' }, ratings);
  // A rater's link pasted into the address bar of an open page.
  window.addEventListener('hashchange', () => {
    const m = /^#rate(?:=(.*))?$/.exec(location.hash);
    if (m) Module.ccall('qa_rate_link', null, ['string'], [decodeURIComponent(m[1] || '')]);
  });
  // The office's bundles (issue 18): kept as File references by name (a file
  // opened again under the same name replaces the earlier one), never uploaded.
  const bundles = new Map();
  function openBundles(files) {
    for (const file of files) bundles.set(file.name.normalize('NFC'), file);
    Module.ccall('qa_bundles_opened', null, ['string'], [JSON.stringify(files.map((f) => f.name.normalize('NFC')))]);
  }
  const bundlePicker = filePicker('bundle-picker', { multiple: true, accept: '.zip' }, openBundles);
  const districtWorkspacePicker = filePicker('district-workspace-picker', { accept: '.json,application/json' },
    textTo((p) => Module.ccall('qa_district_workspace_chosen', null, ['number'], [p])));
  const districtPubkeyPicker = filePicker('district-pubkey-picker', { accept: '.pub' },
    textTo((p) => Module.ccall('qa_district_pubkey_chosen', null, ['number'], [p])));
  const draftPicker = filePicker('draft-picker', { accept: '.json,application/json' }, textTo((p) => Module._qa_import_draft(p)));
  const keyPicker = filePicker('key-picker', { accept: '.key' }, textTo((p) => Module._qa_import_key(p)));
  const districtKeyPicker = filePicker('district-key-picker', { accept: '.key' }, textTo((p) => Module._qa_import_district_key(p)));
  const officeKeyPicker = filePicker('office-key-picker', { accept: '.pub' }, textTo((p) => Module._qa_office_key_chosen(p)));
  window.addEventListener('dragover', (e) => { e.preventDefault(); }, true);
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      ({ review, ratings, bundles: openBundles }[QA.dropTarget] || attach)(Array.from(e.dataTransfer.files));
    }
  }, true);

  function showError(message) {
    status.textContent = message;
    status.className = 'error';
    document.documentElement.dataset.appReady = 'false';
  }

  return {
    textInput(active, cssX, cssY, cssLine) {
      // A field reached by Tab starts editing a frame or two later: if the
      // keyboard has moved on meanwhile, the field is let go, not taken back.
      // (The title has the focus a new screen gave it: a change link that
      // led to this field takes it on.)
      const at = document.activeElement;
      if (active && at !== ime && mirror.contains(at) && at !== elements.get(activeField) && !('title' in at.dataset)) {
        Module._qa_sem_release();
        return;
      }
      wantText = active;
      ime.style.left = `${cssX}px`;
      ime.style.top = `${cssY}px`;
      ime.style.height = `${cssLine}px`;
      ime.style.fontSize = `${cssLine / 1.45}px`;  // the interface font's line is 1.45 em
      if (active) ime.focus({ preventScroll: true });
      else if (document.activeElement === ime) ime.blur();
    },
    clipboardWrite(text) {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(() => {});
      }
    },
    showError,
    reportStorage,
    // Small texts in this browser's storage; false when it is full or disabled.
    save(key, value) {
      try {
        localStorage.setItem(key, value);
        if (key === 'qaward.key' || key === 'qaward.district_key') keepForLong();
        return true;
      } catch (e) {
        console.warn('qaward: could not save ' + key + ': ' + e.name);
        return false;
      }
    },
    load(key) {
      try { return localStorage.getItem(key); } catch (e) { return null; }
    },
    // Attachments: picked or dropped files are stored, announced to the app
    // and hashed in the worker.
    pickFiles() { picker.click(); },
    forgetAttachment(name) {
      store.remove(name).catch((e) => console.warn('qaward: could not delete ' + name + ': ' + e.name));
    },
    // After a reload or an import: which attachments this browser holds.
    async checkAttachments(list) {
      for (const { name, hashed } of list) {
        if (!(await store.get(name))) Module.ccall('qa_attachment_missing', null, ['string'], [name]);
        else if (!hashed) inspect(name);
      }
    },
    // Packaging in the worker: it reads the stored files in chunks, writes
    // the package into the browser's own storage and hands back the File,
    // which is downloaded from there.
    async packageInWorker(requestText, names) {
      const files = [];
      for (const name of names) {
        const blob = await store.get(name);
        if (!blob) {
          Module.ccall('qa_attachment_missing', null, ['string'], [name]);
          sendText(Module._qa_package_done, JSON.stringify({ ok: false, message: {
            zh: `附件 ${name} 不在本浏览器中：请重新添加。`, en: `The attachment ${name} is not stored in this browser: add it again.` } }));
          return;
        }
        files.push({ name, blob });
      }
      // Downloaded as soon as it is written. Its SHA-256 (for the cover
      // sheet) is taken by the second worker entry by entry as the first
      // writes, or after, by whichever can.
      const progress = (p) => Module._qa_package_progress(p.done, p.total);
      let digest = null;  // the second worker's last reply, while it follows the output
      let output = '';    // the output file's name in the origin-private file system
      const m = await job({ kind: 'package', request: JSON.parse(requestText), files, digestElsewhere: twoCores }, {
        progress,
        output: (o) => {
          output = o.name;
          if (o.shared) digest = job({ kind: 'digest-open', name: o.name }, {}, 1);
        },
        settled: (o) => { if (digest) digest = job({ kind: 'digest-feed', upto: o.upto }, {}, 1); },
        written: (w) => {
          offer(w.file, w.result.package_id + '.zip');
          sendText(Module._qa_package_written, JSON.stringify({ ...w.result, size: w.file.size }));
        },
      });
      // A failed package: the second worker lets the file go and removes it
      // (the writer could not while it was open there); the previous package stays.
      if (!m.result.ok && digest) await job({ kind: 'digest-close', upto: 0, remove: output }, {}, 1);
      QA.digestedBy = 'writer, after writing';
      if (m.result.ok && !m.result.sha256) {
        QA.digestedBy = 'second worker, while writing';
        let d = digest ? await job({ kind: 'digest-close', upto: m.file.size }, { progress }, 1) : null;
        if (!d || !d.result.ok) {
          QA.digestedBy = 'from the written file';
          d = await job({ kind: 'digest-file', blob: m.file }, { progress });
        }
        m.result.sha256 = d.result.sha256;
        if (!d.result.ok) m.result = d.result;
      }
      sendText(Module._qa_package_done, JSON.stringify(m.result));
    },
    async countersignInWorker(token, requestText) {
      const m = await job({ kind: 'countersign', blob: reviewed.get(token), request: JSON.parse(requestText) },
        { written: (w) => offer(w.file, w.result.package_id + '-审核推荐.zip') });
      sendText(Module._qa_countersign_done, JSON.stringify(m.result));
    },
    // The district's job (issue 18): the recommended packages opened in this
    // session countersigned with their opinions and bundled; the bundle
    // downloaded from the worker's file as soon as it is written.
    async districtBundleInWorker(packagesText, requestText) {
      const request = JSON.parse(requestText);
      const packages = JSON.parse(packagesText).map((p) => ({ name: reviewed.get(p.token).name, blob: reviewed.get(p.token), opinion: p.opinion }));
      const m = await job({ kind: 'district-bundle', packages, request }, {
        progress: (p) => Module._qa_district_bundle_progress(p.done, p.total),
        written: (w) => offer(w.file, `推荐汇总包-${request.unit}.zip`),
      });
      sendText((p) => Module.ccall('qa_district_bundle_done', null, ['number'], [p]), JSON.stringify(m.result));
    },
    pickDistrictWorkspace() { districtWorkspacePicker.click(); },
    pickBundles() { bundlePicker.click(); },
    forgetBundle(name) { bundles.delete(name); },
    pickDistrictPublicKey() { districtPubkeyPicker.click(); },
    // The office's intake over the bundles it opened, in the worker.
    async intakeInWorker(requestText) {
      const request = JSON.parse(requestText);
      request.names = request.names.filter((n) => bundles.has(n));
      const files = request.names.map((name) => ({ name, blob: bundles.get(name) }));
      // Two cores: the packages' SHA-256s in the second worker while the
      // first verifies the packages; the intake then only reads the indexes.
      if (twoCores && files.length) {
        const names = { names: request.names };
        const [digests, verified] = await Promise.all([job({ kind: 'bundle-digests', bundles: files, request: names }, {}, 1),
                                                       job({ kind: 'bundle-packages', bundles: files, request: names }, {}, 0)]);
        if (digests.result.ok && verified.result.ok) request.digests = digests.result.digests;
      }
      const m = await job({ kind: 'intake', bundles: files, request });
      sendText((p) => Module.ccall('qa_intake_done', null, ['number'], [p]), JSON.stringify(m.result));
    },
    workerHeap: 0,  // the workers' WebAssembly heap at its largest (bytes), for the benchmark
    digestedBy: '',  // how the last package's SHA-256 was taken, for the benchmark
    pickDraft() { draftPicker.click(); },
    pickKey(district) { (district ? districtKeyPicker : keyPicker).click(); },
    pickPackages() { packagePicker.click(); },
    pickRatings() { ratingPicker.click(); },
    pickOfficeKey() { officeKeyPicker.click(); },
    pinOfficeKey(key) {
      officeKey = key;
      for (const token of reviewed.keys()) {
        Module.ccall('qa_review_restarted', null, ['number'], [token]);
        verify(token);
      }
    },
    dropTarget: 'attach',
    // Offers a file of the in-memory file system as a download.
    download(path, name) { offer(new Blob([Module.FS.readFile(path)]), name); },
    // Opens printable HTML (a notice, a cover sheet) in a new tab.
    openDocument(html) {
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      if (!window.open(url, '_blank')) QA.download_text(html, 'document.html');
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    },
    download_text(text, name) { offer(new Blob([text], { type: 'text/html;charset=utf-8' }), name); },
    glStateMismatches: () => glState.mismatches(),
    // Test hook: what the interface holds (tests/e2e).
    state() { return JSON.parse(Module.ccall('qa_debug_state', 'string', [], [])); },
    loadFont,
    syncTextAreas,
    syncSemantics,
    // The software renderer's frame (RGBA, straight alpha, rows from the top,
    // in the WebAssembly heap): the rectangle that changed goes to the canvas.
    present(pixels, width, height, x, y, w, h) {
      if (!presenter.context) {
        presenter.canvas = Module.canvas;
        presenter.context = presenter.canvas.getContext('2d', { alpha: false });
        if (!presenter.context) {
          presenter.canvas = document.createElement('canvas');
          presenter.canvas.id = 'canvas-software';
          presenter.canvas.setAttribute('aria-hidden', 'true');
          Module.canvas.after(presenter.canvas);
          presenter.context = presenter.canvas.getContext('2d', { alpha: false });
        }
      }
      if (presenter.canvas.width !== width || presenter.canvas.height !== height) {
        presenter.canvas.width = width;  // (the page's own canvas is sized by the interface)
        presenter.canvas.height = height;
      }
      const img = presenter.image;
      if (!img || img.width !== width || img.height !== height || presenter.pixels !== pixels || img.data.buffer !== HEAPU8.buffer) {
        presenter.image = new ImageData(new Uint8ClampedArray(HEAPU8.buffer, pixels, width * height * 4), width, height);
        presenter.pixels = pixels;
      }
      presenter.context.putImageData(presenter.image, 0, 0, x, y, w, h);
    },
  };
})();

// The public test hook (issue 14): the code points of `text` the interface
// cannot draw once it has fetched the font slices they need (an empty array
// when every character draws).
window.qaward = {
  async fontMissing(text) {
    const files = JSON.parse(Module.ccall('qa_font_files_for', 'string', ['string'], [text]));
    await Promise.all(files.map((f) => QA.loadFont(f)));
    return JSON.parse(Module.ccall('qa_font_missing', 'string', ['string'], [text]));
  },
};

var Module = {
  canvas: document.getElementById('canvas'),
  print: (text) => console.log(text),
  printErr: (text) => console.warn(text),
  onAbort: () => QA.showError('程序无法启动，请使用最新版的 Chrome、Edge 或 Firefox。 The app could not start; please use a current Chrome, Edge or Firefox.'),
};
