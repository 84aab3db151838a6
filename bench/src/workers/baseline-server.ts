import { createServer } from 'node:http';

// The baseline of the memory figure: node:http that reads the body, JSON.parses it and answers like the
// webhook (same status, headers and body), with no validation, storage or logging. Port in argv[2].
// (The ingest figures compare with the minimal durable receivers instead: sqlite-baseline.ts and
// postgres-baseline.ts, which store what they ack.)
const ACK = JSON.stringify({ ErrCode: 0, ErrMsg: '' });
const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': Buffer.byteLength(ACK),
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'POST') JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, HEADERS);
    res.end(ACK);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
