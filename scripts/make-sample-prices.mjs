#!/usr/bin/env node
// Writes scenarios/data/prices/page-{1,2,3}.json (or into the folder given as argument): a small sample of Azure Retail Prices API
// pages (api-version 2023-01-01-preview, serviceName 'Virtual Machines'), in the API's own
// item format and paging (NextPageLink with $skip), for tests and examples. Deterministic:
// rerunning it rewrites the same bytes.
//
// Figures: Standard_B16als_v2 in australiacentral is real (Consumption 0.673 USD/h;
// savings plan 0.49129 1 year, 0.34323 3 years; Reservation 1 year 3,478.0 term total).
// Everything else is plausible, not quoted: eastus Linux at the bundled scenarios' prices
// (0.048 USD per vCPU-hour for Dsv5), westeurope 20% dearer, Windows + 0.046 per vCPU-hour,
// Spot at 12% of pay-as-you-go (Windows Spot keeps the full licence), reservations at 59%
// (1 year) and 38% (3 years) and savings plans at 73% and 51% of pay-as-you-go, the ratios
// of the real B16als v2 figures. The traps of the real API are all here: term totals under
// "1 Hour", Windows told apart only by productName, Spot and Low Priority meters, old Cloud
// Services products with the same size names, DevTestConsumption rows, a price change
// (an older effectiveStartDate), an item repeated across pages, a non-VM item.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// An optional argument writes elsewhere (the tests check the committed pages are this script's output).
const outDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'scenarios', 'data', 'prices');
const PAGE = 30; // items per page (the real API uses 1,000)
const QUERY = 'https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview&$filter=serviceName%20eq%20%27Virtual%20Machines%27';
const DATE = '2024-04-01T00:00:00Z';
const LOCATION = { eastus: 'US East', westeurope: 'EU West', australiacentral: 'AU Central' };

const uuid = (s) => {
  const h = createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
const productId = (s) => 'DZH318Z0' + createHash('sha256').update(s).digest('hex').slice(0, 4).toUpperCase();
const r5 = (x) => Math.round(x * 1e5) / 1e5;
const r2 = (x) => Math.round(x * 100) / 100;

/** One API item, fields in the API's order. */
function item({
  sku,
  meter,
  product,
  region,
  price,
  type = 'Consumption',
  term,
  date = DATE,
  savingsPlan,
  service = 'Virtual Machines',
  unit = '1 Hour',
  primary = true,
}) {
  const o = { currencyCode: 'USD', tierMinimumUnits: 0.0 };
  if (term) o.reservationTerm = term;
  Object.assign(o, {
    retailPrice: price,
    unitPrice: price,
    armRegionName: region,
    location: LOCATION[region] ?? region,
    effectiveStartDate: date,
    meterId: uuid(`${meter}|${product}|${region}`),
    meterName: meter,
    productId: productId(product),
    skuId: `${productId(product)}/${createHash('sha256')
      .update(`${meter}|${type}|${term ?? ''}`)
      .digest('hex')
      .slice(0, 4)
      .toUpperCase()}`,
    availabilityId: null,
    productName: product,
    skuName: meter,
    serviceName: service,
    serviceId: 'DZH313Z7MMC8',
    serviceFamily: 'Compute',
    unitOfMeasure: unit,
    type,
    isPrimaryMeterRegion: primary,
    armSkuName: sku,
  });
  if (savingsPlan) o.savingsPlan = savingsPlan;
  return o;
}
const sp = (oneYear, threeYear) => [
  { unitPrice: threeYear, retailPrice: threeYear, term: '3 Years' },
  { unitPrice: oneYear, retailPrice: oneYear, term: '1 Year' },
];

const items = [];

// The real figures (reference): Standard_B16als_v2, australiacentral.
{
  const sku = 'Standard_B16als_v2',
    m = 'B16als v2',
    region = 'australiacentral',
    p = 'Virtual Machines Basv2 Series';
  items.push(item({ sku, meter: m, product: p, region, price: 0.673, savingsPlan: sp(0.49129, 0.34323) }));
  items.push(item({ sku, meter: m, product: p, region, price: 3478.0, type: 'Reservation', term: '1 Year' }));
  items.push(item({ sku, meter: m, product: p, region, price: 6721.0, type: 'Reservation', term: '3 Years' }));
  items.push(item({ sku, meter: m, product: `${p} Windows`, region, price: 0.747 }));
  items.push(item({ sku, meter: `${m} Spot`, product: p, region, price: 0.1346 }));
  items.push(item({ sku, meter: `${m} Spot`, product: `${p} Windows`, region, price: 0.2086 }));
  // Old Cloud Services product with the same size name and the Windows price: not a VM price.
  items.push(item({ sku, meter: m, product: 'Basv2 Series Cloud Services', region, price: 0.747 }));
  items.push(item({ sku, meter: `${m} Low Priority`, product: 'Basv2 Series Cloud Services', region, price: 0.299 }));
  items.push(item({ sku, meter: m, product: p, region, price: 0.673, type: 'DevTestConsumption' }));
  items.push(item({ sku, meter: m, product: `${p} Windows`, region, price: 0.673, type: 'DevTestConsumption' }));
}

// The bundled scenarios' Dsv5 sizes in two regions.
const DSV5 = [
  ['Standard_D2s_v5', 'D2s v5', 2],
  ['Standard_D4s_v5', 'D4s v5', 4],
  ['Standard_D8s_v5', 'D8s v5', 8],
  ['Standard_D32s_v5', 'D32s v5', 32],
];
for (const [region, perVcpu] of [
  ['eastus', 0.048],
  ['westeurope', 0.0576],
]) {
  for (const [sku, m, vcpus] of DSV5) {
    const p = 'Virtual Machines Dsv5 Series';
    const payg = r5(vcpus * perVcpu);
    const win = r5(payg + vcpus * 0.046);
    items.push(item({ sku, meter: m, product: p, region, price: payg, savingsPlan: sp(r5(payg * 0.73), r5(payg * 0.51)) }));
    items.push(
      item({ sku, meter: m, product: `${p} Windows`, region, price: win, savingsPlan: sp(r5(win - payg + payg * 0.73), r5(win - payg + payg * 0.51)) }),
    );
    items.push(item({ sku, meter: m, product: p, region, price: r2(payg * 0.59 * 8760), type: 'Reservation', term: '1 Year' }));
    items.push(item({ sku, meter: m, product: p, region, price: r2(payg * 0.38 * 26280), type: 'Reservation', term: '3 Years' }));
    items.push(item({ sku, meter: `${m} Spot`, product: p, region, price: r5(payg * 0.12) }));
    items.push(item({ sku, meter: `${m} Spot`, product: `${p} Windows`, region, price: r5(payg * 0.12 + vcpus * 0.046) }));
  }
}
// Dev/Test: Windows at the Linux rate (no licence); a Low Priority meter inside a VM product.
items.push(
  item({ sku: 'Standard_D4s_v5', meter: 'D4s v5', product: 'Virtual Machines Dsv5 Series', region: 'eastus', price: 0.192, type: 'DevTestConsumption' }),
);
items.push(
  item({
    sku: 'Standard_D4s_v5',
    meter: 'D4s v5',
    product: 'Virtual Machines Dsv5 Series Windows',
    region: 'eastus',
    price: 0.192,
    type: 'DevTestConsumption',
  }),
);
items.push(item({ sku: 'Standard_D4s_v5', meter: 'D4s v5 Low Priority', product: 'Virtual Machines Dsv5 Series', region: 'eastus', price: 0.0384 }));
// A price change: the older D2s v5 price, superseded by the one above.
items.push(
  item({ sku: 'Standard_D2s_v5', meter: 'D2s v5', product: 'Virtual Machines Dsv5 Series', region: 'eastus', price: 0.101, date: '2021-11-01T00:00:00Z' }),
);

// The DSv2 family of the reference's flexibility examples, eastus, Linux.
for (const [n, _vcpus, price] of [
  [1, 1, 0.073],
  [2, 2, 0.146],
  [3, 4, 0.293],
  [4, 8, 0.585],
  [5, 16, 1.17],
]) {
  const sku = `Standard_DS${n}_v2`,
    m = `DS${n} v2`,
    p = 'Virtual Machines DSv2 Series';
  items.push(item({ sku, meter: m, product: p, region: 'eastus', price, savingsPlan: sp(r5(price * 0.73), r5(price * 0.51)) }));
  items.push(item({ sku, meter: m, product: p, region: 'eastus', price: r2(price * 0.59 * 8760), type: 'Reservation', term: '1 Year' }));
}
// Not a VM price at all (a query without the serviceName filter returns these too).
items.push(item({ sku: '', meter: 'P10 LRS Disk', product: 'Premium SSD Managed Disks', region: 'eastus', price: 19.71, service: 'Storage', unit: '1/Month' }));

// Pages of PAGE items; the last page repeats one item of the page before (the API's pages can overlap).
const pages = [];
for (let i = 0; i < items.length; i += PAGE) pages.push(items.slice(i, i + PAGE));
pages[pages.length - 1].push(pages[pages.length - 2][PAGE - 1]);

fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(outDir)) if (/^page-\d+\.json$/.test(f)) fs.unlinkSync(path.join(outDir, f));
pages.forEach((Items, i) => {
  const last = i === pages.length - 1;
  const page = {
    BillingCurrency: 'USD',
    CustomerEntityId: 'Default',
    CustomerEntityType: 'Retail',
    Items,
    NextPageLink: last ? null : `${QUERY}&$skip=${PAGE * (i + 1)}`,
    Count: Items.length,
  };
  fs.writeFileSync(path.join(outDir, `page-${i + 1}.json`), JSON.stringify(page, null, 2) + '\n');
});
process.stdout.write(`wrote ${pages.length} pages (${items.length} items) to ${path.relative(process.cwd(), outDir) || '.'}\n`);
