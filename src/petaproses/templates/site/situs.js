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
  document.querySelectorAll('.diagram').forEach(function (box) {
    var inner = box.querySelector('.svg-inner'); var scale = 1;
    box.querySelectorAll('button[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () {
        var z = parseFloat(b.getAttribute('data-zoom'));
        scale = z === 0 ? 1 : Math.min(6, Math.max(0.2, scale * z));
        inner.style.transform = 'scale(' + scale + ')';
      });
    });
  });
  // live reload under `petaproses serve` only (never from file://)
  if (location.protocol.indexOf('http') === 0) {
    var seen = null;
    setInterval(function () {
      fetch(root + '__versi', {cache: 'no-store'}).then(function (r) { return r.ok ? r.text() : null; }).then(function (v) {
        if (v === null) return;
        if (seen !== null && v !== seen) location.reload();
        seen = v;
      }).catch(function () {});
    }, 1000);
  }
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
