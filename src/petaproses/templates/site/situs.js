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
        // the evaluation mode (evaluasi.js) holds the reload while a finding is being typed
        if (window.petaprosesTahanMuatUlang && window.petaprosesTahanMuatUlang()) return;
        if (seen !== null && v !== seen) location.reload();
        seen = v;
      }).catch(function () {});
    }, 1000);
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
