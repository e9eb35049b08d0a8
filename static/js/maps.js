// Draws every map on the page from its data-map attribute (built by portal/maps/builders.py).
// Text from the data is put on the page as text, never as HTML. Until a map is drawn (no
// JavaScript, or Leaflet failed to load) its box shows the written fallback instead.
(function () {
  'use strict'
  if (typeof window.L === 'undefined') return

  // Markers too close to tell apart are grouped: a white ring with how many (numbered results
  // are solid). The group is a keyboard-focusable button; its name says what it does.
  function clusterIcon (cluster) {
    const label = document.createElement('span')
    const hint = document.createElement('span')
    hint.className = 'govuk-visually-hidden'
    hint.textContent = ' places here. Select to zoom in'
    label.append(String(cluster.getChildCount()), hint)
    return L.divIcon({ html: label, className: 'app-map__group', iconSize: L.point(34, 34) })
  }

  function popup (point) {
    const box = document.createElement('div')
    const heading = document.createElement(point.url ? 'a' : 'strong')
    heading.textContent = point.title
    if (point.url) {
      heading.className = 'govuk-link'
      heading.href = point.url
    }
    box.append(heading)
    if (point.summary) {
      const summary = document.createElement('p')
      summary.className = 'govuk-body-s'
      summary.textContent = point.summary
      box.append(summary)
    }
    return box
  }

  // A pin a person corrects: drag it, select a point on the map (no dragging needed), or
  // focus it and use the arrow keys. Its position goes into the form's hidden inputs.
  function movable (map, marker, inputs) {
    const latitude = document.getElementById(inputs.latitude)
    const longitude = document.getElementById(inputs.longitude)
    function store () {
      const at = marker.getLatLng()
      latitude.value = at.lat.toFixed(6)
      longitude.value = at.lng.toFixed(6)
      // In a form that asks how a place is given, moving the pin answers "a pin on the map".
      const choice = latitude.form && latitude.form.querySelector('input[name="where"][value="pin"]')
      if (choice) choice.checked = true
    }
    marker.on('dragend', store)
    map.on('click', function (event) {
      marker.setLatLng(event.latlng)
      store()
    })
    marker.on('add', function () {
      const icon = marker.getElement()
      icon.setAttribute('aria-description', 'Use the arrow keys to move the pin')
      icon.addEventListener('keydown', function (event) {
        const steps = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }
        const step = steps[event.key]
        if (!step) return
        event.preventDefault()
        const size = 0.0002 * Math.pow(2, 16 - map.getZoom())
        const at = marker.getLatLng()
        marker.setLatLng([at.lat + step[0] * size, at.lng + step[1] * size])
        store()
      })
    })
  }

  // A community map's marker as SVG: the kind's shape (`corners`, or a circle) in its colour
  // with a dark edge (it shows on any map), and the asset's number in the kind's ink.
  function shapeOf (look, label) {
    const SVG = 'http://www.w3.org/2000/svg'
    const svg = document.createElementNS(SVG, 'svg')
    svg.setAttribute('viewBox', '-16 -16 32 32')
    svg.setAttribute('aria-hidden', 'true')
    svg.setAttribute('focusable', 'false')
    const shape = document.createElementNS(SVG, look.corners ? 'polygon' : 'circle')
    if (look.corners) shape.setAttribute('points', look.corners)
    else shape.setAttribute('r', '10')
    shape.setAttribute('fill', look.colour)
    shape.setAttribute('stroke', '#0b0c0c')
    shape.setAttribute('stroke-width', '1.5')
    shape.setAttribute('stroke-linejoin', 'round')
    svg.append(shape)
    if (label) {
      const number = document.createElementNS(SVG, 'text')
      number.setAttribute('y', String((look.textDy || 0) + 4))
      number.setAttribute('text-anchor', 'middle')
      number.setAttribute('font-size', label.length < 3 ? '11' : '8')
      number.setAttribute('font-weight', 'bold')
      number.setAttribute('fill', look.ink)
      number.textContent = label
      svg.append(number)
    }
    return svg
  }

  function draw (element) {
    const spec = JSON.parse(element.dataset.map)
    // Shown before Leaflet measures the box: a hidden box has no size to draw into.
    element.closest('.app-map').classList.add('app-map--drawn')
    const map = L.map(element, { scrollWheelZoom: false, maxZoom: spec.maxZoom })
    map.setView(spec.center, spec.zoom)
    // Town names sit under the markers, so a label never hides a result.
    map.createPane('landmarks').style.zIndex = 450
    if (spec.tiles) {
      L.tileLayer(spec.tiles.url, { attribution: spec.tiles.attribution, maxZoom: spec.tiles.maxZoom }).addTo(map)
    }
    function group () {
      return spec.cluster
        ? L.markerClusterGroup({ maxClusterRadius: 36, iconCreateFunction: clusterIcon })
        : L.layerGroup()
    }
    function markerFor (point, colour, look) {
      const options = { title: point.title, alt: point.title }
      if (look) {
        // A community map's asset: its kind's shape and colour, numbered as in the list and on
        // the poster (portal/community_maps/look.py decides all three).
        options.icon = L.divIcon({ html: shapeOf(look, point.label), className: 'app-map__shape', iconSize: L.point(28, 28) })
      } else if (point.label) {
        // The result's number, as in the list beside the map.
        const number = document.createElement('span')
        number.setAttribute('aria-hidden', 'true')
        number.textContent = point.label
        options.icon = L.divIcon({ html: number, className: 'app-map__number', iconSize: L.point(30, 30) })
        // Named by what it is, not the bare number: "1. Widowed Friends Social. 0.4 miles
        // away. By …" (title, then summary), for keyboard and screen reader users.
        options.resultName = point.summary ? point.title + '. ' + point.summary : point.title
      }
      if (point.move) options.draggable = true
      const marker = L.marker([point.lat, point.lon], options)
      if (options.resultName) {
        marker.on('add', function () { marker.getElement().setAttribute('aria-label', options.resultName) })
      }
      if (colour && !look) marker.on('add', function () { marker.getElement().style.backgroundColor = colour })
      if (point.move) movable(map, marker, point.move)
      else marker.bindPopup(popup(point))
      return marker
    }
    const layer = group()
    const markers = spec.points.map(function (point) {
      const marker = markerFor(point)
      layer.addLayer(marker)
      return marker
    })
    layer.addTo(map)
    // A layer per kind, each with its colour and shape: the layers control is the map's legend.
    // All kinds share one cluster group, so two assets at the same place are grouped (select
    // the group to zoom in or spread them out) instead of one hiding the other; showing or
    // hiding a kind adds or takes its markers from that group.
    const overlays = {}
    const shared = spec.layers && spec.layers.length ? group().addTo(map) : null
    const byKind = []
    ;(spec.layers || []).forEach(function (each, index) {
      const kind = L.layerGroup()
      const own = each.points.map(function (point) {
        const marker = markerFor(point, each.colour, each.corners === undefined ? null : each)
        markers.push(marker)
        spec.points.push(point)
        return marker
      })
      shared.addLayers(own)
      byKind.push([kind, own])
      kind.addTo(map)
      const swatch = '<span class="app-map__swatch" data-layer="' + index + '"></span>'
      overlays[swatch + each.name + ' (' + each.points.length + ')'] = kind
    })
    if (shared) {
      map.on('overlayadd overlayremove', function (event) {
        byKind.forEach(function ([kind, own]) {
          if (kind !== event.layer) return
          if (event.type === 'overlayadd') shared.addLayers(own)
          else shared.removeLayers(own)
        })
      })
      L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(map)
      element.querySelectorAll('.app-map__swatch').forEach(function (swatch) {
        const each = spec.layers[Number(swatch.dataset.layer)]
        if (each.corners === undefined) swatch.style.backgroundColor = each.colour
        else swatch.replaceChildren(shapeOf(each, ''))
        if (each.corners !== undefined) swatch.classList.add('app-map__swatch--shape')
      })
    }
    const corners = spec.points.map(function (p) { return [p.lat, p.lon] })
    spec.areas.forEach(function (area) {
      const circle = L.circle([area.lat, area.lon], {
        radius: area.radius, color: '#1d70b8', weight: 2, fillOpacity: 0.2, interactive: false
      }).addTo(map)
      corners.push(circle.getLatLng())
    })
    // On a community map the town names go above the markers (which are many and small), as
    // text only, letting clicks through: a marker never hides a name.
    const labelPane = spec.layers && spec.layers.length ? 'landmark-labels' : 'landmarks'
    if (labelPane === 'landmark-labels') {
      const pane = map.createPane('landmark-labels')
      pane.style.zIndex = 660
      pane.style.pointerEvents = 'none'
    }
    spec.landmarks.forEach(function (landmark) {
      L.circleMarker([landmark.lat, landmark.lon], {
        radius: 4, color: '#0b0c0c', weight: 1, fillColor: '#505a5f', fillOpacity: 1, interactive: false, pane: 'landmarks'
      }).bindTooltip(landmark.name, {
        permanent: true,
        direction: 'right',
        className: 'app-map__landmark' + (labelPane === 'landmark-labels' ? ' app-map__landmark--above' : ''),
        pane: labelPane
      })
        .addTo(map)
      corners.push([landmark.lat, landmark.lon])
    })
    if (corners.length > 1) {
      const padding = spec.cluster ? 24 : 40
      map.fitBounds(L.latLngBounds(corners), { maxZoom: spec.maxFitZoom, padding: [padding, padding] })
    }
    // A map inside a closed <details> has no size until it opens: measure it again then.
    const details = element.closest('details')
    if (details) details.addEventListener('toggle', function () { map.invalidateSize() })
    return { element: element, map: map, markers: markers }
  }

  // Kept for the browser tests, which read the markers' titles.
  window.appMaps = Array.prototype.map.call(document.querySelectorAll('[data-map]'), draw)
})()
