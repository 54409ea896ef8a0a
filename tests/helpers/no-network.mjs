// Preloaded with --import: any outbound connection or DNS lookup throws. Used where the test
// cannot put the process in an empty network namespace.
import dns from 'node:dns';
import net from 'node:net';

const refuse = (what) => {
  throw new Error(`network access attempted (${what}) while offline`);
};
net.Socket.prototype.connect = function connect() {
  refuse('socket connect');
};
dns.lookup = () => refuse('dns lookup');
globalThis.fetch = () => refuse('fetch');
