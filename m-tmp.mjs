const { mergeShards } = await import('./dist/parallel/merge.js');
const t0 = performance.now();
const r = mergeShards(['/tmp/mp-shards'], { outDir: '/tmp/mp-out' });
console.log('merge', ((performance.now() - t0) / 1000).toFixed(2), 's', r.linked, r.copied);
