// Job page: follows a running job's progress (reloading when it ends) and
// draws the results map. Without JavaScript the page offers a refresh link.
(function () {
  var job = document.getElementById('job');
  if (job && (job.dataset.state === 'queued' || job.dataset.state === 'running')) {
    var poll = function () {
      fetch(job.dataset.progress, { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (p) {
        if (p.state === 'succeeded' || p.state === 'failed') { window.location.reload(); return; }
        var bar = document.getElementById('job-progress');
        document.getElementById('job-stage').textContent = p.stage;
        document.getElementById('job-state').textContent = p.state;
        if (p.total) { bar.max = p.total; bar.value = p.done; }
        document.getElementById('job-percent').textContent = p.fraction === null ? '' : Math.round(p.fraction * 100) + ' %';
        setTimeout(poll, 1000);
      }).catch(function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, 1000);
  }
  var el = document.getElementById('map');
  if (!el || typeof L === 'undefined') return;
  var map = L.map(el);
  var bounds = null;
  if (el.dataset.overlay && el.dataset.bounds) {
    var b = el.dataset.bounds.split(',').map(Number);
    bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
    L.imageOverlay(el.dataset.overlay, bounds, { className: 'pixelated' }).addTo(map);
  }
  fetch(el.dataset.geojson, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
    if (data && data.features.length) {
      // Boundaries (land, EEZ, area of interest) as outlines; sites and coverage filled.
      var outline = function (f) { return /^(land|eez|aoi)/i.test((f.properties || {}).layer || '') || !!el.dataset.overlay; };
      var layer = L.geoJSON(data, {
        style: function (f) {
          return outline(f) ? { color: '#455a64', weight: 1, fillOpacity: 0, dashArray: '4 3' }
                            : { color: '#1b5e20', weight: 1, fillColor: '#2e7d32', fillOpacity: 0.45 };
        },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 4, color: '#1b5e20', weight: 1, fillColor: '#2e7d32', fillOpacity: 0.8 });
        },
        onEachFeature: function (f, l) {
          var p = f.properties || {};
          var name = p.NAME || p.name || p.SITE_NAME || p.WDPAID || p.SITE_ID || p.layer || '';
          if (name) l.bindTooltip(String(name));
        }
      }).addTo(map);
      bounds = bounds ? bounds.extend(layer.getBounds()) : layer.getBounds();
    }
    if (bounds) map.fitBounds(bounds); else map.setView([0, 0], 2);
  }).catch(function () { if (bounds) map.fitBounds(bounds); else map.setView([0, 0], 2); });
})();
