import autocannon from 'autocannon';
const [url, conns='50', secs='8'] = process.argv.slice(2);
const headers = process.env.COOKIE ? { cookie: process.env.COOKIE } : {};
const r = await autocannon({ url, connections: Number(conns), duration: Number(secs), headers });
console.log(`${url}: ${Math.round(r.requests.average)} req/s p50 ${r.latency.p50} p99 ${r.latency.p99} non2xx ${r.non2xx} bytes/req ${Math.round(r.throughput.average / Math.max(1,r.requests.average))}`);
