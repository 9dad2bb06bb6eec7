// Builds the task pane (for Excel) and the workbench (the task pane beside an emulated workbook).
// Production (build:addin): ADDIN_URL replaces https://localhost:3000 in the manifest (the build fails
// without it), office.js comes from Microsoft's CDN, and the task pane is built alone: the workbench and the sample workbooks are
// for development and demos, and ExcelJS's browser build, which only the workbench loads, carries old
// crypto code that is never called (docs/DEPENDENCY-AUDIT.md). build:web (--env localOffice) and the
// dev server build both. office.js comes from the CDN in the dev server's build too; only --env
// localOffice (build:web, npm start, the browser tests: the workbench's emulation, offline) serves
// npm's copy. The .docx worker needs no entry here: `new Worker(new URL('./docx-worker.ts',
// import.meta.url))` (src/taskpane/docx-worker-start.ts) makes it its own chunk, loaded on demand.
const path = require('node:path');
const fs = require('node:fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

const DEV_URL = 'https://localhost:3000';
const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The task pane's Content-Security-Policy: its own scripts and office.js, nothing else. */
function taskpaneCsp(officeJs) {
  const office = officeJs.startsWith('https://') ? ' https://appsforoffice.microsoft.com' : '';
  return [
    "default-src 'self'",
    `script-src 'self'${office}`,
    // office.js from the CDN frames pages of its own origin (Microsoft publishes no list of what it
    // needs: OfficeDev/office-js#1005; its telemetry frame outside Office: OfficeDev/office-js#1125).
    // With the offline copy (--env localOffice) no frame is allowed, as before.
    ...(office ? [`frame-src${office}`] : []),
    "worker-src 'self'", // the .docx is built in a worker of our own (src/taskpane/docx-worker.ts)
    "style-src 'self' 'unsafe-inline'", // Fluent UI injects its styles at run time
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** office-addin-dev-certs' certificate; where its CA cannot be trusted (no admin rights), its files as they are. */
async function devCertificate() {
  try {
    return await require('office-addin-dev-certs').getHttpsServerOptions();
  } catch (e) {
    const dir = path.join(require('node:os').homedir(), '.office-addin-dev-certs');
    const file = (name) => path.join(dir, name);
    if (['localhost.crt', 'localhost.key', 'ca.crt'].every((n) => fs.existsSync(file(n)))) {
      console.warn(`开发证书的根证书未能加入系统信任（${e.message}），仍使用 ${dir} 中的证书。`);
      return { cert: fs.readFileSync(file('localhost.crt')), key: fs.readFileSync(file('localhost.key')), ca: fs.readFileSync(file('ca.crt')) };
    }
    console.warn('没有可用的开发证书，使用自签名证书；Excel 可能拒绝加载，请先运行 npx office-addin-dev-certs install。');
    return {};
  }
}

/** Where the deployed add-in lives: ADDIN_URL, required for a production add-in build. */
function addinUrlFor(production, env) {
  const url = (process.env.ADDIN_URL || '').trim();
  if (production && !env.localOffice && !/^https:\/\/\S+$/.test(url)) {
    // Without it the manifest would send Excel to https://localhost:3000, silently.
    throw new Error(
      `${url ? `ADDIN_URL（${url}）不是 https 地址` : '未设置 ADDIN_URL'}：生产构建需要加载项的部署地址（https），` +
        '例如 ADDIN_URL=https://your.host/path npm run build:addin。' +
        `(ADDIN_URL must be the https address the add-in is deployed at; without it the manifest would keep ${DEV_URL}.)`,
    );
  }
  return (url || DEV_URL).replace(/\/$/, '');
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const addinUrl = addinUrlFor(production, env);
  // office.js from Microsoft's CDN, in development too: the npm package (1.1.110) is "no longer
  // officially supported" for hosting and lags the CDN (https://www.npmjs.com/package/@microsoft/office-js;
  // it lacks mergeUndoGroup, for one). --env localOffice keeps npm's copy, served beside the page,
  // for the offline workbench builds, which never talk to Excel.
  const localOffice = Boolean(env.localOffice);
  const officeJs = localOffice ? 'office/office.js' : CDN_OFFICE_JS;
  const withWorkbench = !production || localOffice;
  const sharedSamples = path.resolve(__dirname, '../shared/samples');
  const samplePatterns = withWorkbench ? [{ from: 'samples/*.xlsx', to: 'samples/[name][ext]' }] : [];
  if (withWorkbench && fs.existsSync(sharedSamples)) samplePatterns.push({ from: path.join(sharedSamples, '*.xlsx'), to: 'samples/[name][ext]' });

  return {
    mode: production ? 'production' : 'development',
    devtool: production ? false : 'source-map',
    entry: {
      taskpane: './src/taskpane/main.tsx',
      ...(withWorkbench ? { workbench: './src/workbench/main.tsx' } : {}),
    },
    output: { path: path.resolve(__dirname, 'dist/web'), filename: '[name].[contenthash:8].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      // ExcelJS's browser build is already bundled and minified: do not parse or minify it again.
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [{ test: /\.tsx?$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: 'tsconfig.json', compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: !production } }, exclude: /node_modules/ }],
    },
    performance: { hints: false },
    // esbuild minifies in seconds what terser takes a minute for.
    optimization: { minimizer: [new EsbuildPlugin({ target: 'es2020', legalComments: 'none' })] },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: false,
        inject: 'body',
        publicPath: './',
        // %OFFICE_JS% and %CSP% are filled below.
      }),
      ...(withWorkbench ? [new HtmlWebpackPlugin({ filename: 'index.html', template: './src/workbench/index.html', chunks: ['workbench'], inject: 'body', publicPath: './' })] : []),
      {
        // What taskpane.html's placeholders become (read by test/manifest/dev-build.test.ts).
        placeholders: { '%OFFICE_JS%': officeJs, '%CSP%': taskpaneCsp(officeJs) },
        apply(compiler) {
          compiler.hooks.compilation.tap('Placeholders', (compilation) => {
            HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap('Placeholders', (data) => {
              for (const [key, value] of Object.entries(this.placeholders)) data.html = data.html.replace(key, value);
              return data;
            });
          });
        },
      },
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]', noErrorOnMissing: true },
          { from: 'src/taskpane/commands.html', to: 'commands.html', noErrorOnMissing: true },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            noErrorOnMissing: true,
            transform: (content) => content.toString().split(DEV_URL).join(addinUrl),
          },
          // office.js and its mapping table, as shipped (already readable): onReady resolves only with both.
          ...(localOffice
            ? [
                { from: 'node_modules/@microsoft/office-js/dist/office.js', to: 'office/office.js', noErrorOnMissing: true },
                { from: 'node_modules/@microsoft/office-js/dist/o15apptofilemappingtable.js', to: 'office/o15apptofilemappingtable.js', noErrorOnMissing: true },
              ]
            : []),
          ...samplePatterns,
        ],
      }),
    ],
    devServer: env.WEBPACK_SERVE
      ? {
          static: path.resolve(__dirname, 'dist/web'),
          host: 'localhost',
          port: Number(process.env.PORT || 3000),
          // Excel loads add-ins over https only: office-addin-dev-certs' trusted development certificate.
          server: { type: 'https', options: await devCertificate() },
          headers: { 'Access-Control-Allow-Origin': '*' },
        }
      : undefined,
  };
};
