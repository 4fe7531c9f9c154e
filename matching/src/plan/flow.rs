//! Minimum-cost flow by successive shortest paths (Dijkstra with Johnson potentials),
//! small and exact: integer costs, one unit at a time.
//!
//! The flow is built one unit at a time, each along a cheapest path in the residual
//! network from a supply node to the sink (rerouting earlier units where that is
//! cheaper). Starting from zero flow with nonnegative costs, the flow after each unit
//! is a cheapest flow for the units sent so far. A node may join as a supply node later
//! (a request entering the plan): until then it has no flow, so no residual edge leads
//! into it and no cheaper rerouting can pass through it, which is why the flow stays
//! cheapest. Potentials keep every residual edge's reduced cost nonnegative, which is
//! what lets Dijkstra run on a network with reverse (negative) edges.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// An exact path cost. 128 bits, so that the planner can pack its criteria into one
/// number (`main * M + tie`, plus a penalty for leaving a request out) without any
/// path sum overflowing.
pub(crate) type Cost = i128;

/// Distance of a node Dijkstra has not reached.
const UNREACHED: Cost = Cost::MAX;

/// A residual network: edge `e` and its reverse `e ^ 1` are stored next to each other.
#[derive(Debug, Clone, Default)]
pub(crate) struct Network {
    head: Vec<usize>,
    cap: Vec<u32>,
    cost: Vec<Cost>,
    out: Vec<Vec<usize>>,
    potential: Vec<Cost>,
    search: Search,
}

/// Per-unit Dijkstra state, allocated once.
#[derive(Debug, Clone, Default)]
struct Search {
    dist: Vec<Cost>,
    done: Vec<bool>,
    /// The edge by which each node was reached.
    via: Vec<usize>,
    heap: BinaryHeap<Reverse<(Cost, usize)>>,
}

impl Network {
    /// A network of `nodes` nodes (numbered from 0) and no edges.
    pub(crate) fn new(nodes: usize) -> Self {
        Network {
            out: vec![Vec::new(); nodes],
            potential: vec![0; nodes],
            search: Search {
                dist: vec![UNREACHED; nodes],
                done: vec![false; nodes],
                via: vec![usize::MAX; nodes],
                heap: BinaryHeap::new(),
            },
            ..Network::default()
        }
    }

    /// Adds an edge and returns its id. Edges are added before any flow is sent, with
    /// nonnegative costs (the first Dijkstra runs with zero potentials).
    pub(crate) fn add_edge(&mut self, from: usize, to: usize, cap: u32, cost: Cost) -> usize {
        debug_assert!(cost >= 0, "edge costs start nonnegative");
        let id = self.head.len();
        self.head.extend([to, from]);
        self.cap.extend([cap, 0]);
        self.cost.extend([cost, -cost]);
        self.out[from].push(id);
        self.out[to].push(id + 1);
        id
    }

    /// Units of flow on edge `id` (as returned by [`Network::add_edge`]).
    pub(crate) fn flow_on(&self, id: usize) -> u32 {
        self.cap[id ^ 1]
    }

    /// Makes `node` a supply node: lowers or raises its potential so that its own
    /// edges have nonnegative reduced costs. Call it once per node, before the first
    /// unit leaves it and while no flow passes through it (nothing leads into it, so
    /// its potential is free).
    pub(crate) fn open(&mut self, node: usize) {
        let Some(edges) = self.out.get(node) else {
            return;
        };
        let tightest = edges
            .iter()
            .filter(|&&e| self.cap[e] > 0)
            .map(|&e| self.potential[self.head[e]] - self.cost[e])
            .max();
        if let Some(p) = tightest {
            self.potential[node] = p;
        }
    }

    /// Sends one unit from `from` to `sink` along a cheapest residual path and returns
    /// its cost, or None if the sink is out of reach (nothing changes then).
    ///
    /// Ties between equally cheap paths go to the node with the lower number (Dijkstra
    /// settles equal distances in node order), so equal inputs give equal flows.
    pub(crate) fn send_one(&mut self, from: usize, sink: usize) -> Option<Cost> {
        let n = self.out.len();
        if from >= n || sink >= n || from == sink {
            return None;
        }
        let reach = self.dijkstra(from, sink)?;
        self.update_potentials(reach);
        self.augment(from, sink);
        Some(self.potential[sink] - self.potential[from])
    }

    /// Shortest reduced distance from `from` to `sink`, or None if the sink is out of
    /// reach. Stops as soon as the sink is settled: nodes farther away do not matter
    /// for this unit (see [`Network::update_potentials`]).
    fn dijkstra(&mut self, from: usize, sink: usize) -> Option<Cost> {
        let search = &mut self.search;
        search.dist.fill(UNREACHED);
        search.done.fill(false);
        search.heap.clear();
        search.dist[from] = 0;
        search.heap.push(Reverse((0, from)));
        while let Some(Reverse((d, u))) = search.heap.pop() {
            if search.done[u] {
                continue; // an outdated entry: u was settled at a smaller distance
            }
            search.done[u] = true;
            if u == sink {
                return Some(d);
            }
            for &e in &self.out[u] {
                let v = self.head[e];
                if self.cap[e] == 0 || search.done[v] {
                    continue;
                }
                let reduced = self.cost[e] + self.potential[u] - self.potential[v];
                debug_assert!(reduced >= 0, "potentials keep reduced costs nonnegative");
                let candidate = d + reduced;
                if candidate < search.dist[v] {
                    search.dist[v] = candidate;
                    search.via[v] = e;
                    search.heap.push(Reverse((candidate, v)));
                }
            }
        }
        None
    }

    /// Adds this round's distances to the potentials, capped at the sink's distance
    /// `reach`.
    ///
    /// Why the cap keeps every reduced cost nonnegative: take a residual edge u → v
    /// with reduced cost r ≥ 0 and write d' = min(d, reach). If u was settled, Dijkstra
    /// relaxed the edge, so d(v) ≤ d(u) + r and d'(v) ≤ d'(u) + r. If u was not
    /// settled, d'(u) = reach ≥ d'(v). Either way r + d'(u) − d'(v) ≥ 0. Edges on the
    /// path get reduced cost 0, so the reverse edges the augmentation opens are 0 too.
    fn update_potentials(&mut self, reach: Cost) {
        let search = &self.search;
        for (v, p) in self.potential.iter_mut().enumerate() {
            *p += if search.done[v] {
                search.dist[v]
            } else {
                reach
            };
        }
    }

    /// Pushes one unit along the path Dijkstra found.
    fn augment(&mut self, from: usize, sink: usize) {
        let mut v = sink;
        while v != from {
            let e = self.search.via[v];
            self.cap[e] -= 1;
            self.cap[e ^ 1] += 1;
            v = self.head[e ^ 1];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bipartite assignment network: source 0, left 1..=l, right after, sink last.
    /// Returns the network, the left→right edge ids (with their ends) and the sink.
    fn bipartite(
        left: usize,
        right_caps: &[u32],
        edges: &[(usize, usize, Cost)],
    ) -> (Network, Vec<(usize, usize, usize)>, usize) {
        let sink = 1 + left + right_caps.len();
        let mut net = Network::new(sink + 1);
        for l in 0..left {
            net.add_edge(0, 1 + l, 1, 0);
        }
        for (r, &cap) in right_caps.iter().enumerate() {
            net.add_edge(1 + left + r, sink, cap, 0);
        }
        let ids = edges
            .iter()
            .map(|&(l, r, c)| (net.add_edge(1 + l, 1 + left + r, 1, c), l, r))
            .collect();
        (net, ids, sink)
    }

    /// The super-source way: everything from node `source`, as many units as fit.
    fn max_flow(net: &mut Network, source: usize, sink: usize) -> (u64, Cost) {
        net.open(source);
        let (mut flow, mut cost) = (0, 0);
        while let Some(c) = net.send_one(source, sink) {
            flow += 1;
            cost += c;
        }
        (flow, cost)
    }

    /// The planner's way: each left node opened and sent in turn, with a private way
    /// out at cost `penalty` (counted as not assigned).
    fn row_by_row(net: &mut Network, left: usize, sink: usize, penalty: Cost) -> (u64, Cost) {
        let (mut flow, mut cost) = (0, 0);
        for l in 0..left {
            net.open(1 + l);
            if let Some(c) = net.send_one(1 + l, sink) {
                flow += 1;
                cost += c;
            }
        }
        let skipped = cost / penalty;
        (flow - skipped as u64, cost % penalty)
    }

    fn assignment(net: &Network, ids: &[(usize, usize, usize)]) -> Vec<(usize, usize)> {
        ids.iter()
            .filter(|(e, _, _)| net.flow_on(*e) == 1)
            .map(|&(_, l, r)| (l, r))
            .collect()
    }

    #[test]
    fn the_cheaper_of_two_is_taken_when_only_one_fits() {
        // One place; left 1 is cheaper, so it wins although left 0 comes first.
        let (mut net, ids, sink) = bipartite(2, &[1], &[(0, 0, 9), (1, 0, 1)]);
        assert_eq!(max_flow(&mut net, 0, sink), (1, 1));
        assert_eq!(assignment(&net, &ids), vec![(1, 0)]);
    }

    #[test]
    fn cover_comes_before_cost() {
        // Left 0 prefers right 0 (cost 1) over right 1 (cost 5); left 1 can only use
        // right 0. Covering both costs 5 + 2 = 7, more than 1 alone, and still wins.
        let (mut net, ids, sink) = bipartite(2, &[1, 1], &[(0, 0, 1), (0, 1, 5), (1, 0, 2)]);
        assert_eq!(max_flow(&mut net, 0, sink), (2, 7));
        assert_eq!(assignment(&net, &ids), vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn a_later_path_reroutes_an_earlier_one() {
        // The first round gives right 0 to left 0 (cost 0); the second must send left 1
        // through the reverse edge, moving left 0 to right 1.
        let (mut net, ids, sink) = bipartite(2, &[1, 1], &[(0, 0, 0), (0, 1, 3), (1, 0, 1)]);
        assert_eq!(max_flow(&mut net, 0, sink), (2, 4));
        assert_eq!(assignment(&net, &ids), vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn a_later_row_takes_the_place_when_it_pairs_more_cheaply() {
        // Row by row: left 0 takes the one place first; left 1 pairs more cheaply, so
        // its path leaves left 0 out (cover stays 1, cost drops from 9 to 1).
        let (mut net, ids, sink) = bipartite(2, &[1], &[(0, 0, 9), (1, 0, 1)]);
        for l in 0..2 {
            net.add_edge(1 + l, sink, 1, 100);
        }
        assert_eq!(row_by_row(&mut net, 2, sink, 100), (1, 1));
        assert_eq!(assignment(&net, &ids), vec![(1, 0)]);
    }

    #[test]
    fn capacity_above_one_serves_several() {
        let (mut net, ids, sink) =
            bipartite(3, &[2, 1], &[(0, 0, 1), (1, 0, 1), (2, 0, 1), (2, 1, 4)]);
        assert_eq!(max_flow(&mut net, 0, sink), (3, 6));
        assert_eq!(assignment(&net, &ids), vec![(0, 0), (1, 0), (2, 1)]);
    }

    #[test]
    fn equal_costs_go_to_the_lower_node() {
        let (mut net, ids, sink) =
            bipartite(2, &[1, 1], &[(0, 1, 2), (0, 0, 2), (1, 0, 7), (1, 1, 7)]);
        max_flow(&mut net, 0, sink);
        assert_eq!(assignment(&net, &ids), vec![(0, 0), (1, 1)]);
        // Two lefts tie for one place: the first gets it.
        let (mut net, ids, sink) = bipartite(2, &[1], &[(0, 0, 3), (1, 0, 3)]);
        max_flow(&mut net, 0, sink);
        assert_eq!(assignment(&net, &ids), vec![(0, 0)]);
    }

    #[test]
    fn nothing_to_send() {
        let (mut net, ids, sink) = bipartite(2, &[0, 1], &[(0, 0, 1), (1, 0, 1)]);
        assert_eq!(max_flow(&mut net, 0, sink), (0, 0));
        assert!(assignment(&net, &ids).is_empty());
        let mut empty = Network::new(0);
        assert_eq!(max_flow(&mut empty, 0, 1), (0, 0));
        let mut single = Network::new(1);
        assert_eq!(max_flow(&mut single, 0, 0), (0, 0));
    }

    #[test]
    fn longer_paths_and_wide_edges() {
        // A general network (not bipartite): 0 → 1 → 3 and 0 → 2 → 3 with a shortcut
        // 1 → 2, and capacities above one.
        let mut net = Network::new(4);
        net.add_edge(0, 1, 4, 1);
        net.add_edge(0, 2, 2, 5);
        net.add_edge(1, 2, 2, 1);
        net.add_edge(1, 3, 2, 6);
        net.add_edge(2, 3, 5, 1);
        // Max flow 6 (cut at the source). Cheapest: 0-1-2-3 ×2 (3 each), 0-1-3 ×2 (7
        // each), 0-2-3 ×2 (6 each) = 6 + 14 + 12 = 32.
        assert_eq!(max_flow(&mut net, 0, 3), (6, 32));
    }

    /// Every assignment of lefts to rights (or none), checked against capacities: the
    /// best (most assigned, then cheapest) must equal the flow's outcome, sent from a
    /// super source or row by row.
    #[test]
    fn small_assignments_match_exhaustive_search() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..300 {
            let left = 1 + next(4) as usize;
            let caps: Vec<u32> = (0..1 + next(4)).map(|_| next(3) as u32).collect();
            let mut edges = Vec::new();
            for l in 0..left {
                for r in 0..caps.len() {
                    if next(3) > 0 {
                        edges.push((l, r, Cost::from(next(10))));
                    }
                }
            }
            let best = exhaustive(left, &caps, &edges);
            let (mut net, _, sink) = bipartite(left, &caps, &edges);
            assert_eq!(
                max_flow(&mut net, 0, sink),
                best,
                "{left} {caps:?} {edges:?}"
            );
            // Row by row with a way out dearer than any assignment: the same optimum.
            let penalty = 1000;
            let (mut net, _, sink) = bipartite(left, &caps, &edges);
            for l in 0..left {
                net.add_edge(1 + l, sink, 1, penalty);
            }
            let rows = row_by_row(&mut net, left, sink, penalty);
            assert_eq!(rows, best, "{left} {caps:?} {edges:?}");
        }
    }

    fn exhaustive(left: usize, caps: &[u32], edges: &[(usize, usize, Cost)]) -> (u64, Cost) {
        fn go(
            l: usize,
            left: usize,
            caps: &mut [u32],
            edges: &[(usize, usize, Cost)],
            (n, c): (u64, Cost),
            best: &mut (u64, Cost),
        ) {
            if l == left {
                if n > best.0 || (n == best.0 && c < best.1) {
                    *best = (n, c);
                }
                return;
            }
            go(l + 1, left, caps, edges, (n, c), best);
            for &(_, r, cost) in edges.iter().filter(|e| e.0 == l) {
                if caps[r] > 0 {
                    caps[r] -= 1;
                    go(l + 1, left, caps, edges, (n + 1, c + cost), best);
                    caps[r] += 1;
                }
            }
        }
        let mut best = (0, 0);
        go(0, left, &mut caps.to_vec(), edges, (0, 0), &mut best);
        best
    }
}
