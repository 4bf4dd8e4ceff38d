// Loaded into node before cognito-local (node --require; dev/cognitolocal
// writes it into the server's data folder). Two changes, both for the local
// stack's sake; cognito-local's own code is left as it is.
'use strict';
const Module = require('module');
const http = require('http');

// 1. Every console line at once.
//
// cognito-local logs through pino-pretty into sonic-boom 2.x, which counts
// what it holds in characters but subtracts what it wrote in bytes. Each
// code box has multi-byte border characters (╭ ─ │), so after a few boxes
// the count is below zero, and sonic-boom holds the next lines, the code
// of the last sign-up or forgotten password among them, until more output
// pushes the count up again: minutes, or never. Here each write starts
// from a count of at least zero and is written synchronously, before
// cognito-local answers the request that logged it.
const load = Module._load;
Module._load = function (request) {
  const m = load.apply(this, arguments);
  const proto = request === 'sonic-boom' && typeof m === 'function' && m.prototype;
  if (proto && typeof proto.write === 'function' && !proto.write.flushEachLine) {
    const write = proto.write;
    proto.write = function flushEachLine(data) {
      this.sync = true;
      if (typeof this._len === 'number' && this._len < 0) this._len = 0;
      return write.apply(this, arguments);
    };
    proto.write.flushEachLine = true;
  }
  return m;
};

// 2. No requests from web pages.
//
// cognito-local answers every operation, its admin API included, to anyone,
// with Access-Control-Allow-Origin: *, and whatever the Host header says: a
// page open in the developer's browser that finds its port could call it
// (CORS), or reach it under its own host name resolved to 127.0.0.1 (DNS
// rebinding). The local stack's clients (the AWS SDK, its token verifier,
// its /_cognito proxy, which drops the browser's Origin) send no Origin
// header and name 127.0.0.1 or localhost: anything else is refused.
const loopback = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
const createServer = http.createServer;
http.createServer = function () {
  const server = createServer.apply(this, arguments);
  const emit = server.emit;
  server.emit = function (event, req, res) {
    if (event === 'request' && (req.headers.origin !== undefined || !loopback.test(req.headers.host || ''))) {
      res.writeHead(403, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({
        __type: 'NotAuthorizedException',
        message: 'cognito-local (local stack) takes no requests from web pages: no Origin header, Host 127.0.0.1 or localhost',
      }));
      return true;
    }
    return emit.apply(this, arguments);
  };
  return server;
};
