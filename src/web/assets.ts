// Builds the browser scripts and stylesheet with esbuild into memory, under content-hashed names.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compressBody, type CompressedBody } from './compressed.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Entry points under client/: logical name → file. */
const entries = {
  'public.js': 'client/public.ts',
  'admin.js': 'client/admin.ts',
  'editor.js': 'client/editor.ts', // back-office article and page editor only
  'comments.js': 'client/comments.ts', // public comment form (proof of work, in-place submit); loaded on first use
  'comments.css': 'client/comments.css',
  'site.css': 'client/site.css',
  'admin.css': 'client/admin.css',
  'calendar.js': 'client/calendar.ts', // back-office calendar: side panel, drag to move/resize
  'calendar.css': 'client/calendar.css', // back-office calendar grid and utilization heat map
} as const;
export type AssetName = keyof typeof entries;

export interface Assets {
  /** URL path of a logical asset, e.g. /assets/site-3f2a9c1b.css */
  url(name: AssetName): string;
  /** The text of a stylesheet, for inlining in the page head. */
  text(name: AssetName): string;
  /** CSP source allowing exactly that inline text, e.g. 'sha256-…'. */
  cspHash(name: AssetName): string;
  /** Body for a hashed path, or undefined. */
  get(urlPath: string): CompressedBody | undefined;
}

let building: Promise<Assets> | undefined;

export function loadAssets(): Promise<Assets> {
  building ??= buildAssets();
  return building;
}

async function buildAssets(): Promise<Assets> {
  const urls = new Map<AssetName, string>();
  const bodies = new Map<string, CompressedBody>();
  await Promise.all(
    (Object.entries(entries) as Array<[AssetName, string]>).map(async ([name, file]) => {
      const result = await build({
        entryPoints: [path.join(root, file)],
        bundle: true,
        minify: true,
        write: false,
        // comments.js is imported on demand (dynamic import(), see client/comments-loader.ts); the rest are classic scripts.
        format: name === 'comments.js' ? 'esm' : name.endsWith('.js') ? 'iife' : undefined,
        target: 'es2020',
        legalComments: 'none',
        logLevel: 'silent',
      });
      const output = result.outputFiles[0];
      if (!output) throw new Error(`esbuild produced nothing for ${file}`);
      const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 10);
      const ext = path.extname(name);
      const url = `/assets/${path.basename(name, ext)}-${hash}${ext}`;
      urls.set(name, url);
      bodies.set(url, compressBody(Buffer.from(output.contents), ext === '.css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8'));
    }),
  );
  return {
    url: (name) => urls.get(name)!,
    text: (name) => bodies.get(urls.get(name)!)!.identity.toString('utf8'),
    cspHash: (name) => `'sha256-${createHash('sha256').update(bodies.get(urls.get(name)!)!.identity).digest('base64')}'`,
    get: (urlPath) => bodies.get(urlPath),
  };
}
