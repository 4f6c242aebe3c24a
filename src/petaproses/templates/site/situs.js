// Search over names and codes (index in indeks.js, so it works from file:// with no server) and diagram zoom.
(function () {
  var root = document.querySelector('link[rel=stylesheet]').getAttribute('href').replace('aset/gaya.css', '');
  var input = document.getElementById('cari');
  var list = document.getElementById('hasil-cari');
  var items = window.PETAPROSES_INDEKS || [];
  function norm(s) { return s.toLowerCase(); }
  input.addEventListener('input', function () {
    var q = norm(input.value.trim());
    list.innerHTML = '';
    if (!q) { list.hidden = true; return; }
    var found = items.filter(function (it) { return norm(it.kode + ' ' + it.nama).indexOf(q) >= 0; }).slice(0, 30);
    found.forEach(function (it) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + it.url;
      a.textContent = it.kode + ' — ' + it.nama;
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!found.length) { var li = document.createElement('li'); li.textContent = 'Tidak ditemukan'; list.appendChild(li); }
    list.hidden = false;
  });
  // Diagrams open fitted to the screen; buttons, Ctrl + wheel and pinch zoom around the pointer; drag pans.
  // The SVG is sized (not transformed), so the frame's scroll area is always the drawing's real size.
  function headerHeight() {
    var top = document.querySelector('header.top');
    return top && getComputedStyle(top).position === 'sticky' ? top.offsetHeight : 0;
  }
  document.querySelectorAll('.diagram').forEach(function (box) {
    var frame = box.querySelector('.svg-frame');
    var svg = frame && frame.querySelector('svg');
    if (!svg) return;
    var size = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal : svg.getBBox();
    var natural = {w: size.width * 4 / 3, h: size.height * 4 / 3};  // Graphviz draws in points
    var scale = 1, fitted = true;
    function room() {
      var controls = box.querySelector('.zoom-controls');
      var h = window.innerHeight - headerHeight() - (controls ? controls.offsetHeight : 0) - 12;
      return {w: frame.clientWidth, h: Math.max(160, h)};
    }
    function fitScale() {
      var r = room();
      return Math.min(r.w / natural.w, r.h / natural.h, 2);
    }
    function apply(next, cx, cy) {
      next = Math.min(8, Math.max(0.05, next));
      var rect = frame.getBoundingClientRect();
      var px = cx === undefined ? frame.clientWidth / 2 : cx - rect.left;
      var py = cy === undefined ? frame.clientHeight / 2 : cy - rect.top;
      var fx = (frame.scrollLeft + px) / (natural.w * scale), fy = (frame.scrollTop + py) / (natural.h * scale);
      scale = next;
      svg.style.width = (natural.w * scale) + 'px';
      svg.style.height = (natural.h * scale) + 'px';
      frame.style.height = Math.min(natural.h * scale, room().h) + 'px';
      frame.scrollLeft = fx * natural.w * scale - px;
      frame.scrollTop = fy * natural.h * scale - py;
    }
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    apply(fitScale());
    box.querySelectorAll('button[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () {
        var z = parseFloat(b.getAttribute('data-zoom'));
        fitted = z === 0;
        apply(fitted ? fitScale() : scale * z);
      });
    });
    frame.addEventListener('wheel', function (e) {  // trackpad pinch arrives as Ctrl + wheel
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      fitted = false;
      apply(scale * Math.exp(-e.deltaY / 300), e.clientX, e.clientY);
    }, {passive: false});
    var pointers = {}, pinch = null, drag = null;
    frame.addEventListener('pointerdown', function (e) {
      pointers[e.pointerId] = e;
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = {d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), s: scale};
        drag = null;
      } else if (e.pointerType === 'mouse' && e.button === 0 && !e.target.closest('a')) {
        drag = {x: e.clientX, y: e.clientY, l: frame.scrollLeft, t: frame.scrollTop};
        frame.classList.add('dragging');
      }
    });
    frame.addEventListener('pointermove', function (e) {
      if (!(e.pointerId in pointers)) return;
      pointers[e.pointerId] = e;
      var ids = Object.keys(pointers);
      if (pinch && ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var d = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
        fitted = false;
        if (pinch.d > 0) apply(pinch.s * d / pinch.d, (a.clientX + b.clientX) / 2, (a.clientY + b.clientY) / 2);
      } else if (drag) {
        frame.scrollLeft = drag.l - (e.clientX - drag.x);
        frame.scrollTop = drag.t - (e.clientY - drag.y);
      }
    });
    function up(e) {
      delete pointers[e.pointerId];
      if (Object.keys(pointers).length < 2) pinch = null;
      drag = null;
      frame.classList.remove('dragging');
    }
    ['pointerup', 'pointercancel', 'pointerleave'].forEach(function (t) { frame.addEventListener(t, up); });
    window.addEventListener('resize', function () { if (fitted) apply(fitScale()); });
  });
  // live reload under `petaproses serve` only (never from file://)
  if (location.protocol.indexOf('http') === 0) {
    var seen = null;
    setInterval(function () {
      fetch(root + '__versi', {cache: 'no-store'}).then(function (r) { return r.ok ? r.text() : null; }).then(function (v) {
        if (v === null) return;
        // the evaluation mode (evaluasi.js) holds the reload while a finding is being typed
        if (window.petaprosesTahanMuatUlang && window.petaprosesTahanMuatUlang()) return;
        if (seen !== null && v !== seen) location.reload();
        seen = v;
      }).catch(function () {});
      fetch(root + '__temuan', {cache: 'no-store'}).then(function (r) { return r.ok ? r.json() : null; })
        .then(showFindings).catch(function () {});
    }, 1000);
  }
  // Under `serve`: the findings of the last build; this page's own in full, the others' as a banner.
  // User text goes in with textContent only.
  function item(f) {
    var li = document.createElement('li');
    li.textContent = f.berkas + ':' + f.baris + ':' + f.kolom + ': ' + f.kode + ': ' + f.pesan;
    return li;
  }
  function showFindings(data) {
    if (!data) return;
    var own = document.getElementById('temuan-dokumen');
    var mine = own ? own.getAttribute('data-berkas') : null;
    var errors = data.temuan.filter(function (f) { return f.tingkat === 'galat'; });
    var here = errors.filter(function (f) { return f.berkas === mine; });
    var elsewhere = errors.filter(function (f) { return f.berkas !== mine; });
    if (own) {
      own.textContent = '';
      own.hidden = here.length === 0;
      if (here.length) {
        // the live findings say what the build's stale box says (basi.js): shown once
        document.querySelectorAll('main > .basi').forEach(function (b) { b.remove(); });
        var h = document.createElement('h2');
        h.textContent = here.length + ' galat di berkas ini; halaman ini belum diperbarui sampai galatnya diperbaiki';
        var ul = document.createElement('ul');
        here.forEach(function (f) { ul.appendChild(item(f)); });
        own.appendChild(h);
        own.appendChild(ul);
      }
    }
    var banner = document.getElementById('temuan-lain');
    if (!elsewhere.length) { if (banner) banner.remove(); return; }
    if (!banner) {
      banner = document.createElement('div');
      banner.id = 'temuan-lain';
      banner.className = 'temuan-banner';
      banner.setAttribute('role', 'status');
      document.querySelector('main').prepend(banner);
    }
    banner.textContent = '';
    var files = {};
    elsewhere.forEach(function (f) { files[f.berkas] = true; });
    var p = document.createElement('p');
    p.textContent = elsewhere.length + ' galat di ' + Object.keys(files).length +
      ' berkas lain; dokumennya belum diperbarui sampai galatnya diperbaiki:';
    var ul = document.createElement('ul');
    elsewhere.slice(0, 5).forEach(function (f) { ul.appendChild(item(f)); });
    if (elsewhere.length > 5) { var more = document.createElement('li'); more.textContent = '… dan ' + (elsewhere.length - 5) + ' lagi (lihat terminal)'; ul.appendChild(more); }
    banner.appendChild(p);
    banner.appendChild(ul);
  }
})();

// How old an open review finding is, counted in the reader's browser (the page itself stays the same every day).
(function () {
  var today = new Date();
  document.querySelectorAll('[data-sejak]').forEach(function (el) {
    var since = new Date(el.getAttribute('data-sejak') + 'T00:00:00');
    var days = Math.max(0, Math.floor((today - since) / 86400000));
    el.appendChild(document.createTextNode(' (' + days + ' hari)'));
  });
})();
// Documents whose YAML has errors keep their last good outputs (basi.js, written by every build): say so
// on their page, and list them on the index. Text only (textContent): the findings quote user text.
(function () {
  var stale = window.PETAPROSES_BASI || {};
  var codes = Object.keys(stale);
  if (!codes.length) return;
  var root = document.querySelector('link[rel=stylesheet]').getAttribute('href').replace('aset/gaya.css', '');
  var main = document.querySelector('main');
  var here = decodeURIComponent(location.pathname.split('/').pop() || '').replace(/\.html$/, '');
  function box(title, lines) {
    var div = document.createElement('div');
    div.className = 'basi';
    div.setAttribute('role', 'alert');
    var b = document.createElement('strong');
    b.textContent = title;
    div.appendChild(b);
    var ul = document.createElement('ul');
    lines.forEach(function (line) {
      var li = document.createElement('li');
      if (line.url) { var a = document.createElement('a'); a.href = root + line.url; a.textContent = line.text; li.appendChild(a); }
      else li.textContent = line.text || line;
      ul.appendChild(li);
    });
    div.appendChild(ul);
    main.insertBefore(div, main.firstChild);
  }
  if (stale[here]) {
    box('Berkas YAML dokumen ini bergalat: yang tampil adalah keluaran build terakhir yang berhasil (basi).',
        stale[here].temuan);
  } else if (!root) {
    box(codes.length + ' dokumen belum diperbarui karena berkas YAML-nya bergalat:',
        codes.map(function (c) { return {text: c + ': ' + (stale[c].temuan[0] || ''), url: stale[c].url}; }));
  }
})();
