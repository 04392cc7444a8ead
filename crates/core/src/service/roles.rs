//! Actors' roles must not go round in a loop (A holds a role of B, B of A,
//! or through others): no order of such actors could be written, nor an
//! export of them imported. Checked here once, through
//! [`Services::role_loops`], for the API, the web forms and the import.

use std::collections::HashMap;

use super::Services;
use crate::error::{FieldError, Result, Said};
use crate::ids::ActorId;
use crate::model::{Actor, Entity, EntityKind, Records};
use uuid::Uuid;

/// Actors read from the store at most while following roles: offices
/// chain a few deep; a graph larger than this is not followed further.
const MAX_ACTORS: usize = 100_000;

/// The role graph of a batch: its actors and those of the store their
/// roles lead to, each with its name and the actors its roles are of.
#[derive(Default)]
struct Graph {
    ids: Vec<ActorId>,
    names: Vec<String>,
    edges: Vec<Vec<usize>>,
    index: HashMap<ActorId, usize>,
}

impl Graph {
    fn node(&mut self, id: ActorId) -> usize {
        if let Some(&n) = self.index.get(&id) {
            return n;
        }
        let n = self.ids.len();
        self.ids.push(id);
        self.names.push(String::new());
        self.edges.push(Vec::new());
        self.index.insert(id, n);
        n
    }

    /// Sets `actor`'s name and edges; returns the actors newly met.
    fn add(&mut self, actor: &Actor) -> Vec<ActorId> {
        let n = self.node(actor.id);
        self.names[n] = actor.name.to_string();
        let mut met = Vec::new();
        let mut edges = Vec::new();
        for of in actor.roles.iter().filter_map(|r| r.of) {
            if of == actor.id {
                continue; // validation names a role of the actor itself
            }
            if !self.index.contains_key(&of) {
                met.push(of);
            }
            edges.push(self.node(of));
        }
        self.edges[n] = edges;
        met
    }

    /// The strongly connected component of each node (Tarjan's algorithm,
    /// without recursion): nodes on a common loop share one.
    fn components(&self) -> Vec<usize> {
        const UNSEEN: usize = usize::MAX;
        let n = self.ids.len();
        let (mut order, mut low, mut comp) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
        let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
        let (mut counter, mut comps) = (0, 0);
        for root in 0..n {
            if order[root] != UNSEEN {
                continue;
            }
            // (node, next edge to look at)
            let mut calls = vec![(root, 0)];
            order[root] = counter;
            low[root] = counter;
            counter += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (v, ref mut e)) = calls.last_mut() {
                if let Some(&w) = self.edges[v].get(*e) {
                    *e += 1;
                    if order[w] == UNSEEN {
                        order[w] = counter;
                        low[w] = counter;
                        counter += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        calls.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(order[w]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == order[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = comps;
                        if w == v {
                            break;
                        }
                    }
                    comps += 1;
                }
            }
        }
        comp
    }
}

/// A name set apart from the arrows around it for display when it holds
/// right-to-left letters or direction controls (Unicode's first-strong
/// isolate, which also ends any override left open inside): otherwise a
/// reader sees the names of a loop in another order than written.
fn isolated(name: &str) -> std::borrow::Cow<'_, str> {
    let directional = |c: char| {
        matches!(c,
            '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
            | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}'
            | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if name.chars().any(directional) {
        format!("\u{2068}{name}\u{2069}").into()
    } else {
        name.into()
    }
}

/// Which versions of the stored actors a loop is looked for among.
#[derive(Clone, Copy)]
enum Versions {
    Live,
    Published,
}

/// An actor of a batch whose roles go round in a loop.
pub(crate) struct Loop {
    /// Its position in the batch.
    pub at: usize,
    /// Its first role leading into the loop.
    pub role: usize,
    /// The name of an actor of the loop holding a role of it.
    pub holder: String,
    /// The names round the shortest loop through it, from it back to it,
    /// each holding a role of the next.
    pub path: String,
}

impl Graph {
    /// The names round the shortest loop from `n` back to `n` among the
    /// nodes of its component, joined by arrows.
    fn loop_path(&self, n: usize, comp: &[usize]) -> String {
        let mut before = vec![usize::MAX; self.ids.len()];
        let mut queue = std::collections::VecDeque::from([n]);
        let mut last = None;
        'search: while let Some(v) = queue.pop_front() {
            for &w in &self.edges[v] {
                if comp[w] != comp[n] {
                    continue;
                }
                if w == n {
                    last = Some(v);
                    break 'search;
                }
                if before[w] == usize::MAX {
                    before[w] = v;
                    queue.push_back(w);
                }
            }
        }
        // Walked backwards from the last actor before `n`.
        let mut round = vec![n];
        let mut v = last;
        while let Some(m) = v.filter(|&m| m != n) {
            round.push(m);
            v = Some(before[m]);
        }
        round[1..].reverse();
        round.push(n);
        round
            .iter()
            .map(|&m| isolated(&self.names[m]))
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

impl Services<'_> {
    /// The actors among `entities` (a batch written together) whose roles
    /// go round in a loop through the batch's actors and the store's, by
    /// position in `entities`, in order, with the field and the name of an
    /// actor of the loop holding a role of it. Each actor is read once.
    pub async fn role_loops(&self, entities: &[&Entity]) -> Result<Vec<(usize, FieldError)>> {
        let found = self.loops_among(entities, Versions::Live).await?;
        Ok(found
            .into_iter()
            .map(|l| {
                let said = Said::new("reason-role-loop")
                    .text("name", &l.holder)
                    .text("path", &l.path);
                (
                    l.at,
                    FieldError::said(format!("roles[{}].of", l.role), said),
                )
            })
            .collect())
    }

    /// [`Self::role_loops`] among the published versions: the actors a
    /// batch publishes (in the versions it publishes) whose roles would go
    /// round in a loop through the actors the public sees.
    pub(crate) async fn published_role_loops(&self, entities: &[&Entity]) -> Result<Vec<Loop>> {
        self.loops_among(entities, Versions::Published).await
    }

    /// The stored actors of `ids`, in the versions asked for.
    async fn stored_actors(&self, ids: &[ActorId], versions: Versions) -> Result<Vec<Actor>> {
        Ok(match versions {
            Versions::Live => self
                .store
                .get_records(ids)
                .await?
                .into_iter()
                .filter(|s| s.meta.deleted_at.is_none())
                .map(|s| s.entity)
                .collect(),
            Versions::Published => {
                let ids: Vec<Uuid> = ids.iter().map(|id| id.uuid()).collect();
                self.store
                    .published_records(EntityKind::Actor, &ids)
                    .await?
                    .into_iter()
                    .filter_map(|s| match s.entity {
                        Entity::Actor(a) => Some(a),
                        _ => None,
                    })
                    .collect()
            }
        })
    }

    /// The loops among the stored actors' roles, each once, as the names
    /// round it, and the actors holding a role of themselves (as `A → A`):
    /// what builds before these were refused could write, and what an
    /// export would carry but an import refuse. Actors are read a page at
    /// a time.
    pub async fn stored_role_loops(&self) -> Result<Vec<String>> {
        const PAGE: u32 = 1_000;
        let mut graph = Graph::default();
        let mut found = Vec::new();
        let mut offset = 0;
        loop {
            let page = self.store.list(EntityKind::Actor, PAGE, offset).await?;
            for stored in &page {
                if let Entity::Actor(a) = &stored.entity {
                    if a.roles.iter().any(|r| r.of == Some(a.id)) {
                        found.push(format!("{0} → {0}", a.name));
                    }
                    graph.add(a);
                }
            }
            if page.len() < PAGE as usize || graph.ids.len() > MAX_ACTORS {
                break;
            }
            offset += PAGE;
        }
        // Each component of two actors or more is a loop, named once from
        // its first actor.
        let comp = graph.components();
        let mut size = vec![0usize; comp.len()];
        for &c in &comp {
            size[c] += 1;
        }
        let mut named = vec![false; comp.len()];
        for (n, &c) in comp.iter().enumerate() {
            if size[c] >= 2 && !std::mem::replace(&mut named[c], true) {
                found.push(graph.loop_path(n, &comp));
            }
        }
        Ok(found)
    }

    async fn loops_among(&self, entities: &[&Entity], versions: Versions) -> Result<Vec<Loop>> {
        let mut graph = Graph::default();
        let batch: Vec<(usize, &Actor)> = entities
            .iter()
            .enumerate()
            .filter_map(|(k, e)| match e {
                Entity::Actor(a) => Some((k, a)),
                _ => None,
            })
            .collect();
        if batch
            .iter()
            .all(|(_, a)| a.roles.iter().all(|r| r.of.is_none()))
        {
            return Ok(vec![]);
        }
        for (_, a) in &batch {
            graph.add(a);
        }
        let given: std::collections::HashSet<ActorId> = batch.iter().map(|(_, a)| a.id).collect();
        let mut frontier: Vec<ActorId> = graph
            .ids
            .iter()
            .filter(|id| !given.contains(id))
            .copied()
            .collect();
        while !frontier.is_empty() && graph.ids.len() <= MAX_ACTORS {
            let mut met = Vec::new();
            let stored = self.stored_actors(&frontier, versions).await?;
            for actor in &stored {
                met.extend(graph.add(actor));
            }
            met.sort();
            met.dedup();
            frontier = met;
        }
        let comp = graph.components();
        let mut size = vec![0usize; graph.ids.len()];
        for &c in &comp {
            size[c] += 1;
        }
        let mut found = Vec::new();
        for (k, a) in batch {
            let n = graph.index[&a.id];
            if size[comp[n]] < 2 {
                continue;
            }
            // A member of the loop holding a role of this actor, and the
            // first of this actor's roles leading into the loop.
            let holder = (0..graph.ids.len())
                .find(|&m| m != n && comp[m] == comp[n] && graph.edges[m].contains(&n));
            let role = a.roles.iter().position(|r| {
                r.of.and_then(|of| graph.index.get(&of))
                    .is_some_and(|&m| m != n && comp[m] == comp[n])
            });
            if let (Some(holder), Some(role)) = (holder, role) {
                found.push(Loop {
                    at: k,
                    role,
                    holder: graph.names[holder].clone(),
                    path: graph.loop_path(n, &comp),
                });
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A graph of `n` nodes with the given edges.
    fn graph(n: usize, edges: &[(usize, usize)]) -> Graph {
        let mut g = Graph::default();
        for _ in 0..n {
            g.node(ActorId::new());
        }
        for &(from, to) in edges {
            g.edges[from].push(to);
        }
        g
    }

    #[test]
    fn nodes_share_a_component_exactly_when_they_are_on_a_common_loop() {
        // 0 → 1 → 2 → 0 is a loop; 3 leads into it; 4 → 5 is a chain; 6
        // → 7 → 6 another loop, reached from 5.
        let g = graph(
            8,
            &[
                (0, 1),
                (1, 2),
                (2, 0),
                (3, 0),
                (4, 5),
                (5, 6),
                (6, 7),
                (7, 6),
            ],
        );
        let c = g.components();
        assert!(c[0] == c[1] && c[1] == c[2]);
        let mut named = g;
        for (k, name) in named.names.iter_mut().enumerate() {
            *name = format!("A{k}");
        }
        assert_eq!(named.loop_path(0, &c), "A0 → A1 → A2 → A0");
        assert_eq!(named.loop_path(2, &c), "A2 → A0 → A1 → A2");
        assert_eq!(named.loop_path(7, &c), "A7 → A6 → A7");
        named.names[1] = "وزارة".into();
        named.names[2] = "B\u{202E}".into();
        assert_eq!(
            named.loop_path(0, &c),
            "A0 → \u{2068}وزارة\u{2069} → \u{2068}B\u{202E}\u{2069} → A0"
        );
        assert!(c[6] == c[7]);
        assert_ne!(c[0], c[6]);
        for lone in [3, 4, 5] {
            assert_eq!(c.iter().filter(|&&x| x == c[lone]).count(), 1, "{lone}");
        }
    }

    #[test]
    fn a_long_chain_is_followed_without_recursion() {
        let n = 200_000;
        let edges: Vec<(usize, usize)> = (1..n).map(|i| (i, i - 1)).collect();
        let c = graph(n, &edges).components();
        let mut seen = c.clone();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), n);
    }
}
