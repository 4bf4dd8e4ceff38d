// Loaded into node before aws-ses-v2-local (node --require; dev/seslocal
// writes it beside its start). aws-ses-v2-local keeps every email it
// accepts and serves them at GET /store to whoever asks, whatever the Host
// header: a page open in the developer's browser could read them under its
// own host name resolved to 127.0.0.1 (DNS rebinding), or post to it. The
// local stack's clients (the AWS SDK, its mail page and `local mail`) send
// no Origin header and name 127.0.0.1 or localhost: anything else is
// refused.
'use strict';
const http = require('http');

const loopback = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
const createServer = http.createServer;
http.createServer = function () {
  const server = createServer.apply(this, arguments);
  const emit = server.emit;
  server.emit = function (event, req, res) {
    if (event === 'request' && (req.headers.origin !== undefined || !loopback.test(req.headers.host || ''))) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'aws-ses-v2-local (local stack) takes no requests from web pages' }));
      return true;
    }
    return emit.apply(this, arguments);
  };
  return server;
};
