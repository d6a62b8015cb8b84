import { LINUX_LICENCE } from '../../domain/index.js';
import { hourClock } from './hours.js';
import { ratioTable } from './ratios.js';
function keyFigures(n) {
    const f = () => new Float64Array(n);
    return { billedSeconds: f(), listCost: f(), billedCost: f(), effectiveCost: f(), licenceCost: f(), reservationHours: f(), savingsPlanHours: f(), paygHours: f() };
}
function commitmentFigures(n) {
    const f = () => new Float64Array(n);
    return { capacity: f(), used: f(), unused: f(), cost: f(), unusedCost: f(), saving: f() };
}
function addInto(total, hour) {
    for (const name of Object.keys(hour)) {
        const t = total[name], h = hour[name];
        for (let i = 0; i < h.length; i++)
            t[i] += h[i];
    }
}
function clear(fig) {
    for (const a of Object.values(fig))
        a.fill(0);
}
function tiers(order) {
    const out = [];
    let i = 0;
    while (i < order.length) {
        let j = i + 1;
        while (j < order.length && order[j].tie === order[i].tie)
            j++;
        out.push({ keys: Int32Array.from(order.slice(i, j), (o) => o.k), factor: Float64Array.from(order.slice(i, j), (o) => o.factor) });
        i = j;
    }
    return out;
}
const breadth = (scope) => (scope === null ? Infinity : scope.length);
const inScope = (scope, group) => scope === null || (group !== null && scope.includes(group));
/** Seconds of [from, to) during which [start, end) is active. */
function overlap(start, end, from, to) {
    const a = Math.max(start, from), b = Math.min(end, to);
    return b > a ? b - a : 0;
}
/** Apply the commitments to the usage, hour by hour. */
export function applyCommitments(input, onHour) {
    const { commitments: cm, usage } = input;
    const ratios = input.ratios === undefined ? ratioTable([]) : 'of' in input.ratios ? input.ratios : ratioTable(input.ratios);
    const clock = hourClock(input.startMs, input.horizonSeconds);
    // Sizes: a region-specific entry wins over the default one.
    const sizeRates = new Map();
    for (const s of input.sizes)
        sizeRates.set(s.region ? `${s.name}@${s.region}` : s.name, s);
    const sizeOf = (size, region) => {
        const s = sizeRates.get(`${size}@${region}`) ?? sizeRates.get(size);
        if (!s)
            throw new Error(`commitment engine: no price for size ${size} in ${region} (the loader should have rejected it)`);
        return s;
    };
    const keys = [
        ...usage.keys.map((k) => ({ ...k, capacityReservation: null })),
        ...cm.capacityReservations.map((c) => ({ size: c.size, region: c.region, zone: c.zone, group: null, licence: LINUX_LICENCE, spot: false, capacityReservation: c.name })),
    ];
    const K = usage.keys.length, KK = keys.length;
    const price = new Float64Array(KK), licencePerHour = new Float64Array(KK), spot = new Uint8Array(KK);
    keys.forEach((k, i) => {
        const s = sizeOf(k.size, k.region);
        price[i] = k.pricePerHour ?? s.pricePerHour;
        const l = k.licence;
        licencePerHour[i] = l.os === 'windows' && l.licenseType !== 'Windows_Server' ? s.vcpus * l.windowsPerVcpuHour : 0;
        spot[i] = k.spot ? 1 : 0;
    });
    const infos = describeCommitments(cm);
    const R = cm.reservations.length, S = cm.savingsPlans.length;
    // Capacity reservations: zonal before regional (a zonal VM fills its zone's first), then file order.
    const crPlan = cm.capacityReservations.map((c, i) => ({
        c, i, out: R + S + i, key: K + i,
        match: Int32Array.from(usage.keys.flatMap((k, j) => (!k.spot && k.size === c.size && k.region === c.region && (c.zone === null || k.zone === c.zone) && inScope(c.scope, k.group) ? [j] : []))),
    })).sort((a, b) => Number(a.c.zone === null) - Number(b.c.zone === null) || a.i - b.i);
    // Reservations: narrowest scope first, exact-size before flexible, then file order.
    const resPlan = cm.reservations.map((r, i) => {
        let ratioR = 1;
        if (r.instanceSizeFlexibility && r.size !== null) {
            const own = ratios.of(r.size);
            if (!own)
                throw new Error(`commitment engine: reservation ${r.name}: size ${r.size} is not in the ratio table`);
            ratioR = own.ratio;
        }
        const flexGroup = r.instanceSizeFlexibility ? r.flexibilityGroup ?? (r.size !== null ? ratios.of(r.size).group : null) : null;
        const order = [];
        keys.forEach((k, j) => {
            if (spot[j] || k.region !== r.region || !inScope(r.scope, k.group))
                return;
            let units = 0;
            if (flexGroup !== null) {
                const kr = ratios.of(k.size);
                if (kr && kr.group === flexGroup)
                    units = kr.ratio;
            }
            else if (k.size === r.size)
                units = 1;
            if (units > 0)
                order.push({ k: j, factor: units, tie: `${k.size}|${price[j]}`, exact: k.size === r.size, perUnit: price[j] / units, size: k.size });
        });
        // Exact size first, then the usage worth most per unit (the customer's best outcome), then by name for determinism.
        order.sort((a, b) => Number(b.exact) - Number(a.exact) || b.perUnit - a.perUnit || (a.size < b.size ? -1 : a.size > b.size ? 1 : 0) || a.k - b.k);
        return { r, i, ratioR, unitRate: r.pricePerHour / ratioR, tiers: tiers(order) };
    }).sort((a, b) => breadth(a.r.scope) - breadth(b.r.scope) || Number(a.r.instanceSizeFlexibility) - Number(b.r.instanceSizeFlexibility) || a.i - b.i);
    // Savings plans: 3-year first, then narrowest scope, then file order; keys by greatest discount.
    const spPlan = cm.savingsPlans.map((p, i) => {
        const order = [];
        keys.forEach((k, j) => {
            if (spot[j] || !inScope(p.scope, k.group))
                return;
            const rate = planRate(p, k.size, k.region, price[j]);
            if (rate === null)
                return;
            if (!(rate > 0))
                throw new Error(`commitment engine: savings plan ${p.name}: rate for ${k.size} must be > 0`);
            // Azure charges the lower of plan rate and pay-as-you-go rate.
            const eff = Math.min(rate, price[j]);
            const discount = price[j] > 0 ? 1 - eff / price[j] : 0;
            order.push({ k: j, factor: eff, tie: discount.toPrecision(12), discount, size: k.size });
        });
        order.sort((a, b) => b.discount - a.discount || (a.size < b.size ? -1 : a.size > b.size ? 1 : 0) || a.k - b.k);
        return { p, i, out: R + i, tiers: tiers(order) };
    }).sort((a, b) => (a.p.term === b.p.term ? 0 : a.p.term === '3y' ? -1 : 1) || breadth(a.p.scope) - breadth(b.p.scope) || a.i - b.i);
    const C = infos.length;
    const hk = keyFigures(KK), hc = commitmentFigures(C);
    const tk = keyFigures(KK), tc = commitmentFigures(C);
    const billedIn = new Float64Array(K), allocIn = new Float64Array(K);
    const rem = new Float64Array(KK), allocRem = new Float64Array(K);
    const hkr = hk, hcr = hc;
    let reservationFees = 0, unusedPlan = 0;
    for (let h = 0; h < clock.hours; h++) {
        clear(hkr);
        clear(hcr);
        billedIn.fill(0);
        allocIn.fill(0);
        usage.fill(h, billedIn, allocIn);
        const from = Math.max(0, clock.hourStartSeconds(h)), to = Math.min(clock.horizonSeconds, clock.hourStartSeconds(h + 1));
        for (let k = 0; k < K; k++) {
            hk.billedSeconds[k] = billedIn[k];
            rem[k] = spot[k] ? 0 : billedIn[k] / 3600;
            allocRem[k] = allocIn[k];
        }
        // 1. Capacity reservations.
        for (const { c, out, key, match } of crPlan) {
            const cap = c.quantity * overlap(c.startSeconds, c.endSeconds, from, to);
            let alloc = 0;
            for (let m = 0; m < match.length; m++)
                alloc += allocRem[match[m]];
            const used = Math.min(cap, alloc);
            if (alloc > 0) {
                const keep = 1 - used / alloc;
                for (let m = 0; m < match.length; m++)
                    allocRem[match[m]] *= keep;
            }
            hk.billedSeconds[key] = cap - used;
            rem[key] = (cap - used) / 3600;
            hc.capacity[out] = cap / 3600;
            hc.used[out] = used / 3600;
            hc.unused[out] = (cap - used) / 3600;
        }
        // 2. Reservations.
        for (const { r, i, ratioR, unitRate, tiers: ts } of resPlan) {
            const capacity = (r.quantity * overlap(r.startSeconds, r.endSeconds, from, to)) / 3600;
            const capUnits = capacity * ratioR;
            let left = capUnits, value = 0;
            for (const t of ts) {
                if (left <= 0)
                    break;
                let need = 0;
                for (let m = 0; m < t.keys.length; m++)
                    need += rem[t.keys[m]] * t.factor[m];
                if (need <= 0)
                    continue;
                const all = need <= left;
                const f = all ? 1 : left / need;
                for (let m = 0; m < t.keys.length; m++) {
                    const k = t.keys[m];
                    const cov = all ? rem[k] : rem[k] * f;
                    rem[k] = all ? 0 : rem[k] - cov;
                    hk.reservationHours[k] += cov;
                    hk.effectiveCost[k] += cov * t.factor[m] * unitRate;
                    value += cov * price[k];
                }
                left = all ? left - need : 0;
            }
            const used = (capUnits - left) / ratioR;
            const cost = capacity * r.pricePerHour;
            hc.capacity[i] = capacity;
            hc.used[i] = used;
            hc.unused[i] = capacity - used;
            hc.cost[i] = cost;
            hc.unusedCost[i] = (capacity - used) * r.pricePerHour;
            hc.saving[i] = value - cost;
            reservationFees += cost;
        }
        // 3. Savings plans.
        for (const { p, out, tiers: ts } of spPlan) {
            const capacity = (p.hourlyCommitment * overlap(p.startSeconds, p.endSeconds, from, to)) / 3600;
            let left = capacity, value = 0;
            for (const t of ts) {
                if (left <= 0)
                    break;
                let need = 0;
                for (let m = 0; m < t.keys.length; m++)
                    need += rem[t.keys[m]] * t.factor[m];
                if (need <= 0)
                    continue;
                const all = need <= left;
                const f = all ? 1 : left / need;
                for (let m = 0; m < t.keys.length; m++) {
                    const k = t.keys[m];
                    const cov = all ? rem[k] : rem[k] * f;
                    rem[k] = all ? 0 : rem[k] - cov;
                    hk.savingsPlanHours[k] += cov;
                    hk.billedCost[k] += cov * t.factor[m];
                    hk.effectiveCost[k] += cov * t.factor[m];
                    value += cov * price[k];
                }
                left = all ? left - need : 0;
            }
            hc.capacity[out] = capacity;
            hc.used[out] = capacity - left;
            hc.unused[out] = left;
            hc.cost[out] = capacity;
            hc.unusedCost[out] = left;
            hc.saving[out] = value - capacity;
            unusedPlan += left;
        }
        // 4. Pay-as-you-go for the rest; list and licence for everything.
        for (let k = 0; k < KK; k++) {
            const hours = hk.billedSeconds[k] / 3600;
            const payg = spot[k] ? hours : rem[k];
            hk.paygHours[k] = payg;
            hk.billedCost[k] += payg * price[k];
            hk.effectiveCost[k] += payg * price[k];
            hk.listCost[k] = hours * price[k];
            hk.licenceCost[k] = hours * licencePerHour[k];
        }
        for (const { out, key } of crPlan)
            hc.cost[out] = hk.effectiveCost[key];
        if (onHour)
            onHour({ hour: h, startMs: clock.hourStartMs(h), fromSeconds: from, toSeconds: to, keys: hk, commitments: hc });
        addInto(tk, hkr);
        addInto(tc, hcr);
    }
    const sum = (a) => a.reduce((x, y) => x + y, 0);
    const usageBilled = sum(tk.billedCost);
    let unusedCommitment = 0, unusedCR = 0;
    for (let i = 0; i < R + S; i++)
        unusedCommitment += tc.unusedCost[i];
    for (let i = R + S; i < C; i++)
        unusedCR += tc.cost[i];
    const total = {
        list: sum(tk.listCost),
        billed: usageBilled + reservationFees + unusedPlan,
        usageBilled,
        commitmentFees: reservationFees + unusedPlan,
        effective: sum(tk.effectiveCost),
        unusedCommitment,
        unusedCapacityReservation: unusedCR,
        licence: sum(tk.licenceCost),
        saving: sum(tc.saving),
    };
    return { hours: clock.hours, keys, commitments: infos, byKey: tk, byCommitment: tc, total };
}
/** The commitments in result order (reservations, savings plans, capacity reservations, each in file order). */
export function describeCommitments(cm) {
    return [
        ...cm.reservations.map((r) => ({ name: r.name, kind: 'reservation', term: r.term, unit: r.size === null ? 'normalized-unit-hours' : 'instance-hours' })),
        ...cm.savingsPlans.map((p) => ({ name: p.name, kind: 'savingsPlan', term: p.term, unit: 'currency' })),
        ...cm.capacityReservations.map((c) => ({ name: c.name, kind: 'capacityReservation', term: null, unit: 'unit-hours' })),
    ];
}
/** A plan's rate for a size in a region: explicit (region, then any region), else from the discount, else not covered. */
export function planRate(p, size, region, paygPerHour) {
    let any = null;
    for (const r of p.rates) {
        if (r.size !== size)
            continue;
        if (r.region === region)
            return r.pricePerHour;
        if (r.region === null)
            any = r.pricePerHour;
    }
    if (any !== null)
        return any;
    return p.discount === null ? null : paygPerHour * (1 - p.discount);
}
/** Copies of every hour's figures, for tests and small studies (O(hours x keys) memory). */
export function collectHours() {
    const hours = [];
    const copy = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.slice()]));
    return { hours, onHour: (h) => hours.push({ ...h, keys: copy(h.keys), commitments: copy(h.commitments) }) };
}
//# sourceMappingURL=engine.js.map