//! What a viewer may see, checked on each document the ranking reaches
//! rather than joined into the query.
//!
//! Nearly every document is visible to every viewer (drafts and
//! confidential sources are few), so a filter in the query would intersect
//! each word's postings with two lists as long as the index, and stop
//! tantivy from skipping the blocks that cannot reach the best results
//! (block-max WAND). Here the query holds only the words (and the kinds
//! asked for); the best results are kept as they come, a document counting
//! only when the viewer may see it, read from the flags' fast fields. A
//! count stops at the number it will be shown as.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED,
};

use crate::schema::{CONFIDENTIAL, PUBLISHED, TEAM};

/// Which documents a viewer may see: those of its view (the team's live
/// text or the public's published text), and confidential ones only when
/// it reads confidential sources.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sight {
    pub confidential: bool,
    pub drafts: bool,
}

/// A viewer's sight in one segment: the flags' columns.
struct Seen {
    view: Column<bool>,
    /// `None` when confidential documents are seen too.
    confidential: Option<Column<bool>>,
}

impl Sight {
    fn in_segment(self, reader: &SegmentReader) -> tantivy::Result<Seen> {
        let fast = reader.fast_fields();
        Ok(Seen {
            view: fast.bool(if self.drafts { TEAM } else { PUBLISHED })?,
            confidential: match self.confidential {
                true => None,
                false => Some(fast.bool(CONFIDENTIAL)?),
            },
        })
    }
}

impl Seen {
    fn sees(&self, doc: DocId) -> bool {
        self.view.first(doc) == Some(true)
            && self
                .confidential
                .as_ref()
                .is_none_or(|c| c.first(doc) == Some(false))
    }
}

/// The best `limit` documents the viewer may see, by score (ties to the
/// earlier document), with their scores.
pub(crate) struct Best {
    pub limit: usize,
    pub sight: Sight,
}

/// One segment's best documents so far: the least of them on top.
pub(crate) struct BestInSegment {
    segment: SegmentOrdinal,
    seen: Seen,
    limit: usize,
    kept: BinaryHeap<Reverse<Ranked>>,
}

/// A scored document, ordered by score, then the earlier one first.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: Score,
    doc: DocId,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.doc.cmp(&self.doc))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl BestInSegment {
    /// Keeps `doc` if it is among the best seen so far (the viewer's sight
    /// already checked).
    fn keep(&mut self, doc: DocId, score: Score) {
        let ranked = Ranked { score, doc };
        if self.kept.len() < self.limit {
            self.kept.push(Reverse(ranked));
        } else if let Some(mut least) = self.kept.peek_mut()
            && ranked > least.0
        {
            *least = Reverse(ranked);
        }
    }

    /// The score a document must pass to be kept.
    fn threshold(&self) -> Score {
        match self.kept.peek() {
            Some(least) if self.kept.len() >= self.limit => least.0.score,
            _ => Score::MIN,
        }
    }
}

impl SegmentCollector for BestInSegment {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.seen.sees(doc) {
            self.keep(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let segment = self.segment;
        self.kept
            .into_iter()
            .map(|Reverse(r)| (r.score, DocAddress::new(segment, r.doc)))
            .collect()
    }
}

impl Collector for Best {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = BestInSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<BestInSegment> {
        Ok(BestInSegment {
            segment,
            seen: self.sight.in_segment(reader)?,
            limit: self.limit.max(1),
            kept: BinaryHeap::with_capacity(self.limit.max(1)),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<_> = fruits.into_iter().flatten().collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        all.truncate(self.limit);
        Ok(all)
    }

    /// Ranks with pruning: tantivy skips what cannot pass the least score
    /// kept, which only the documents the viewer sees raise.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Fruit> {
        let mut best = self.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) && best.seen.sees(doc) {
                best.keep(doc, score);
            }
            best.threshold()
        })?;
        Ok(best.harvest())
    }
}

/// How many documents the viewer may see match `query`, counting no
/// further than `limit`.
pub(crate) fn count_up_to(
    searcher: &Searcher,
    query: &dyn Query,
    sight: Sight,
    limit: usize,
) -> tantivy::Result<usize> {
    if limit == 0 {
        return Ok(0);
    }
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut counted = 0;
    for reader in searcher.segment_readers() {
        let seen = sight.in_segment(reader)?;
        let alive = reader.alive_bitset();
        let mut docs = weight.scorer(reader, 1.0)?;
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) && seen.sees(doc) {
                counted += 1;
                if counted >= limit {
                    return Ok(counted);
                }
            }
            doc = docs.advance();
        }
    }
    Ok(counted)
}
