// Evaluation mode of `petaproses serve --evaluasi` (served only there, never copied into output/):
// click a step (table row or diagram box) to record a finding, answer the seven criteria and the monitoring
// verdict; every change is saved at once to the session's YAML record through /__evaluasi/ with this run's token.
// All text is put in with textContent: nothing typed or read back is ever parsed as markup.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="petaproses-token"]');
  var records = document.getElementById('evaluasi');
  if (!meta || !records) return;  // the index and other pages: nothing to evaluate
  var token = meta.getAttribute('content');
  var kode = records.getAttribute('data-kode');
  var API = '/__evaluasi/';
  var ANSWERS = [['ya', true, 'Ya'], ['tidak', false, 'Tidak'], ['', null, 'Belum']];
  var STATUSES = [['terbuka', 'terbuka'], ['ditindaklanjuti', 'ditindaklanjuti'], ['ditutup', 'ditutup']];
  var state = null;
  var openForm = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  // typed text not yet saved holds the live reload of situs.js
  window.petaprosesTahanMuatUlang = function () {
    var busy = false;
    document.querySelectorAll('.mode-evaluasi textarea, .mode-evaluasi input[type=text], tr.form-temuan textarea')
      .forEach(function (t) { if (t.value !== (t.getAttribute('data-tersimpan') || '')) busy = true; });
    return busy;
  };

  // ------------------------------------------------------------------------------------------ requests
  // One request at a time, each body made when it is sent: a note saved on blur and the answer clicked right
  // after go out in order, the second with what the first left (else the page would conflict with itself).
  var queue = Promise.resolve();
  function request(method, name, makeBody) {
    var done = queue.then(function () { return send(method, name, makeBody ? makeBody() : null); });
    queue = done.catch(function () {});
    return done;
  }

  function criterion(key) {
    return state.kriteria.filter(function (k) { return k.kunci === key; })[0];
  }

  function send(method, name, body) {
    var init = {method: method, cache: 'no-store', headers: {'X-Petaproses-Token': token}};
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      body.kode = kode;
      body.versi = state ? state.versi : null;
      init.body = JSON.stringify(body);
    }
    return fetch(API + name, init).then(function (r) {
      return r.json().then(function (data) { return {ok: r.ok, data: data}; });
    }).then(function (res) {
      if (res.data.dokumen) { state = res.data.dokumen; render(); }
      if (!res.ok) say(res.data.galat || 'Gagal menyimpan.', true);
      else if (res.data.pesan) say(res.data.pesan, res.data.berubah);
      return res;
    }).catch(function () {
      say('Tidak dapat menghubungi petaproses serve; periksa bahwa perintahnya masih berjalan.', true);
      return {ok: false, data: {}};
    });
  }

  function load() { return request('GET', 'dokumen?kode=' + encodeURIComponent(kode)); }

  // ------------------------------------------------------------------------------------------ panel
  var message = el('p', {class: 'pesan', role: 'status', 'aria-live': 'polite', hidden: 'hidden'});
  var session = el('p', {class: 'meta'});
  var monitoring = el('fieldset', {class: 'monitoring'});
  var criteria = el('fieldset', {class: 'kriteria-isian'});
  var findings = el('ul', {class: 'daftar-temuan'});
  var panel = el('section', {class: 'mode-evaluasi', id: 'mode-evaluasi'}, [
    el('h2', {text: 'Mode evaluasi'}), session, message, monitoring, criteria,
    el('h3', {text: 'Temuan sesi ini'}), findings,
    el('button', {type: 'button', class: 'temuan-dokumen', text: 'Catat temuan untuk seluruh dokumen',
                  onclick: function () { showForm(null, null); }}),
    el('p', {class: 'meta', text: 'Klik baris kegiatan atau kotaknya di diagram untuk mencatat temuan pada langkah itu.'})
  ]);
  var steps = document.querySelector('section.steps');
  (steps || records).parentNode.insertBefore(panel, steps || records);

  function say(text, bad) {
    message.textContent = text;
    message.className = 'pesan' + (bad ? ' galat' : '');
    message.hidden = false;
  }

  function radios(name, current, onchange) {
    return el('span', {class: 'pilihan'}, ANSWERS.map(function (a) {
      var input = el('input', {type: 'radio', name: name, value: a[0]});
      input.checked = current === a[1];
      input.addEventListener('change', function () { onchange(a[1]); });
      return el('label', {}, [input, document.createTextNode(' ' + a[2] + ' ')]);
    }));
  }

  function remembered(node, value) {  // a field showing what is saved (for petaprosesTahanMuatUlang)
    node.value = value || '';
    node.setAttribute('data-tersimpan', value || '');
    return node;
  }

  function renderMonitoring() {
    var m = state.monitoring;
    var note = remembered(el('textarea', {name: 'monitoring-catatan', rows: '2'}), m.catatan);
    var action = remembered(el('textarea', {name: 'monitoring-tindakan', rows: '2'}), m.tindakan);
    var verdict = m.berjalan_baik;
    monitoring.replaceChildren(
      el('legend', {text: 'Monitoring penerapan (Tabel 7)'}),
      radios('monitoring', verdict, function (v) { verdict = v; save(); }),
      el('label', {text: 'Catatan hasil penilaian'}), note,
      el('label', {text: 'Tindakan yang harus diambil'}), action,
      el('button', {type: 'button', text: 'Simpan monitoring', onclick: function () { save(); }}));
    function save() {
      request('POST', 'monitoring', function () {
        return {berjalan_baik: verdict, catatan: note.value, tindakan: action.value};
      });
    }
  }

  function renderCriteria() {
    var rows = state.kriteria.map(function (k, i) {
      var note = remembered(el('input', {type: 'text', name: 'catatan-' + k.kunci, placeholder: 'catatan'}), k.catatan);
      function save(answer) {  // answer undefined: keep the saved one (only the note changed)
        request('POST', 'kriteria', function () {
          var now = criterion(k.kunci);
          return {kunci: k.kunci, jawaban: answer === undefined ? now.jawaban : answer, catatan: note.value,
                  sebelumnya: {jawaban: now.jawaban, catatan: now.catatan}};
        });
      }
      note.addEventListener('change', function () { save(undefined); });
      return el('tr', {'data-kunci': k.kunci}, [
        el('td', {text: (i + 1) + '. ' + k.label}),
        el('td', {}, [radios('kriteria-' + k.kunci, k.jawaban, save)]),
        el('td', {}, [note])]);
    });
    criteria.replaceChildren(el('legend', {text: 'Tujuh kriteria evaluasi SOP AP'}),
                             el('table', {}, [el('tbody', {}, rows)]));
  }

  function step(id) {
    return (state ? state.langkah : []).filter(function (s) { return s.id === id; })[0];
  }

  function stepLabel(f) {
    if (!f.langkah) return 'Seluruh dokumen';
    var s = step(f.langkah);
    return (s ? s.no + '. ' : '') + (f.teks_langkah || f.langkah);
  }

  function renderFindings() {
    findings.replaceChildren.apply(findings, state.temuan.map(function (f) {
      var status = el('select', {name: 'status-' + f.id, 'aria-label': 'Status temuan ' + f.id},
        STATUSES.map(function (s) {
          var o = el('option', {value: s[0], text: s[1]});
          o.selected = s[0] === f.status;
          return o;
        }));
      status.addEventListener('change', function () {
        request('POST', 'status', function () { return {id: f.id, status: status.value}; });
      });
      return el('li', {'data-id': f.id}, [
        el('strong', {text: stepLabel(f) + ': '}), el('span', {class: 'uraian', text: f.uraian}),
        f.rekomendasi ? el('span', {class: 'rekomendasi', text: ' — rekomendasi: ' + f.rekomendasi}) : null,
        el('br'), status,
        el('button', {type: 'button', text: 'Hapus', onclick: function () {
          if (window.confirm('Hapus temuan ' + f.id + '?')) request('POST', 'hapus', function () { return {id: f.id}; });
        }})]);
    }));
    if (!state.temuan.length) findings.replaceChildren(el('li', {class: 'meta', text: 'Belum ada temuan.'}));
    document.querySelectorAll('.sop-table tbody tr[id^="langkah-"]').forEach(function (row) {
      var id = row.id.slice('langkah-'.length);
      var n = state.temuan.filter(function (f) { return f.langkah === id; }).length;
      row.classList.toggle('dinilai', n > 0);
      var badge = row.querySelector('.temuan-sesi');
      if (!badge) { badge = el('span', {class: 'temuan-sesi temuan-tanda'}); row.cells[1].appendChild(badge); }
      badge.textContent = n ? ' [' + n + ' temuan sesi ini]' : '';
    });
  }

  function render() {
    var s = state.sesi;
    session.textContent = (s ? s.nama + ' · ' + s.tanggal + ' (' + s.kode + ')' : 'Sesi baru hari ini') +
      ' · disimpan ke ' + state.berkas + (state.revisi ? ' · revisi dinilai ' + state.revisi.slice(0, 15) : '');
    renderMonitoring();
    renderCriteria();
    renderFindings();
  }

  // ------------------------------------------------------------------------------------------ findings
  function showForm(stepId, row, detail) {  // row: the step's table row, when the page has a table of steps
    if (openForm) openForm.remove();
    var text = el('textarea', {name: 'uraian', rows: '3', required: 'required'});
    var advice = el('textarea', {name: 'rekomendasi', rows: '2'});
    var s = stepId && step(stepId);
    var title = s ? 'Temuan untuk langkah ' + s.no + ': ' + s.teks : 'Temuan untuk seluruh dokumen';
    var box = el('div', {}, [
      el('strong', {text: title}),
      detail ? el('a', {href: detail, class: 'buka-rincian', text: ' (buka rincian langkah ini)'}) : null,
      el('label', {}, [document.createTextNode('Temuan'), text]),
      el('label', {}, [document.createTextNode('Rekomendasi'), advice]),
      el('button', {type: 'button', class: 'simpan-temuan', text: 'Simpan temuan', onclick: function () {
        if (!text.value.trim()) { say('Tulis temuannya dulu.', true); text.focus(); return; }
        request('POST', 'temuan', function () {
          return {langkah: stepId, uraian: text.value, rekomendasi: advice.value};
        }).then(function (res) {
          if (res.ok) close();
        });
      }}),
      el('button', {type: 'button', text: 'Batal', onclick: function () { close(); }})]);
    var holder;
    if (row) {
      holder = el('tr', {class: 'form-temuan'}, [el('td', {colspan: String(row.cells.length)}, [box])]);
      row.parentNode.insertBefore(holder, row.nextSibling);
    } else {
      holder = el('div', {class: 'form-temuan'}, [box]);
      findings.parentNode.insertBefore(holder, findings.nextSibling);
    }
    holder.className += ' mode-evaluasi';
    openForm = holder;
    text.focus();
    function close() { holder.remove(); if (openForm === holder) openForm = null; }
  }

  document.querySelectorAll('.sop-table tbody tr[id^="langkah-"]').forEach(function (row) {
    row.classList.add('dapat-dinilai');
    row.title = 'Klik untuk mencatat temuan pada langkah ini';
    row.addEventListener('click', function (e) {
      if (e.target.closest('a, button, textarea, input, select')) return;
      showForm(row.id.slice('langkah-'.length), row);
    });
  });
  // a box of the diagram: its <title> is the Graphviz node name, the step id (p_<id> on a level-1 map)
  function hookDiagram() {
    document.querySelectorAll('.svg-inner g.node').forEach(function (g) {
      var name = g.querySelector('title');
      var id = name && name.textContent;
      if (id && !step(id) && id.indexOf('p_') === 0 && step(id.slice(2))) id = id.slice(2);
      if (!id || !step(id)) return;
      var row = document.getElementById('langkah-' + id);
      g.classList.add('dapat-dinilai');
      g.addEventListener('click', function (e) {
        // in this mode a box records a finding; a box linked to its detail map offers the link in the form
        var link = e.target.closest('a');
        e.preventDefault();
        (row || panel).scrollIntoView({block: 'center'});
        showForm(id, row, link && (link.getAttribute('href') || link.getAttribute('xlink:href')));
      });
    });
  }

  load().then(hookDiagram);
})();
