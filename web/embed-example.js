// Example host page for embedding Attune (web/embed-example.html). Copy and adapt:
//   1. point the iframe at Attune's index.html with your options as URL parameters, and name your
//      own origin in ?host= so that Attune sends you its events (it sends them to no one else);
//   2. allow camera and microphone on the iframe;
//   3. listen for messages from Attune's origin.
(function () {
  'use strict';
  var frame = document.getElementById('attune');
  var attuneUrl = new URL('index.html', document.baseURI);
  var params = new URLSearchParams(location.search);  // this page's own parameters pass through
  params.set('host', location.origin);
  if (!params.has('strategy')) params.set('strategy', 'calm');
  if (!params.has('lang')) params.set('lang', 'de');
  attuneUrl.search = params.toString();
  frame.src = attuneUrl.href;

  window.attuneEvents = [];  // kept for inspection (and the browser test)
  var list = document.getElementById('events');
  window.addEventListener('message', function (event) {
    if (event.origin !== attuneUrl.origin || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (typeof data.type !== 'string' || data.type.indexOf('attune:') !== 0) return;
    window.attuneEvents.push(data);
    var item = document.createElement('li');
    if (data.type === 'attune:emotion') item.textContent = 'emotion: face ' + data.face + ', voice ' + data.voice;
    else if (data.type === 'attune:mood') item.textContent = 'mood: ' + data.words + ' (valence ' + data.valence.toFixed(2) + ', arousal ' + data.arousal.toFixed(2) + ')';
    else if (data.type === 'attune:recommendations') item.textContent = data.strategy + ': ' + data.tracks.slice(0, 3).map(function (t) { return t.title + ' by ' + t.artist; }).join('; ') + (data.tracks.length > 3 ? '; ...' : '');
    else if (data.type === 'attune:playlist') item.textContent = 'playlist (' + data.service + '): ' + data.tracks.map(function (t) { return t.artist + ' \u2013 ' + t.title; }).join('; ');
    else item.textContent = data.type;
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  });
})();
