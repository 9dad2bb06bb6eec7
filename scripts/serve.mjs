// Serves the built pages (dist/web) on 127.0.0.1 only: the workbench at /, the task pane at /taskpane.html.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist/web');
const port = Number(process.env.PORT || 3000);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.map': 'application/json',
};

export function startServer(dir = root, p = port) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(p, '127.0.0.1', () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`没有找到构建结果 ${root}，请先运行 npm run build:web。`);
    process.exit(2);
  }
  startServer().then(
    (s) => console.log(`绩效自评助手工作台：http://127.0.0.1:${s.address().port}/   （任务窗格：/taskpane.html；Ctrl+C 退出）`),
    (e) => {
      console.error(`无法在端口 ${port} 上启动：${e.code === 'EADDRINUSE' ? '端口已被占用，可用 PORT=3001 npm start 换一个端口' : e.message}`);
      process.exit(2);
    },
  );
}
