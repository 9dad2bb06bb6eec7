// Loaded with --require: any attempt at a network connection fails loudly.
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const refuse = (what) => () => {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  throw new Error(`network access attempted: ${what}`);
};
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
dns.lookup = refuse('dns.lookup');
dns.promises.lookup = refuse('dns.promises.lookup');
http.request = http.get = refuse('http.request');
https.request = https.get = refuse('https.request');
globalThis.fetch = refuse('fetch');
