package io.mediaroutes.service.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Every document a query matches, grouped by video as they are collected (a video's id read from doc values, in
 * document order): each video's {@value SearchIndex#MATCHES_PER_VIDEO} best, the videos in the order of their best. Its cost
 * grows with the matches, not the index.
 */
final class ByVideo extends SimpleCollector {
    private final Map<String, PriorityQueue<ScoreDoc>> best = new HashMap<>();
    private final Map<Integer, PriorityQueue<ScoreDoc>> leafBest = new HashMap<>(); // by the video's ordinal in this leaf
    private Scorable scorer;
    private SortedDocValues videos;
    private int docBase;

    /** Every document the query matches, by video (a listing, or the few a vector query returns). */
    static Map<String, List<ScoreDoc>> of(IndexSearcher searcher, Query query) throws IOException {
        ByVideo collector = new ByVideo();
        searcher.search(query, collector);
        return collector.ranked();
    }

    /**
     * The query's {@code limit} best documents, by video: Lucene skips those that cannot make the cut (block-max
     * WAND), so a word in every moment costs no more than a rare one.
     */
    static Map<String, List<ScoreDoc>> best(IndexSearcher searcher, Query query, int limit) throws IOException {
        ScoreDoc[] top = searcher.search(query, limit).scoreDocs.clone();
        Arrays.sort(top, (a, b) -> Integer.compare(a.doc, b.doc)); // doc values are read forwards
        ByVideo collector = new ByVideo();
        var leaves = searcher.getIndexReader().leaves();
        int leaf = -1;
        for (ScoreDoc hit : top) {
            while (leaf + 1 < leaves.size() && hit.doc >= leaves.get(leaf + 1).docBase) {
                collector.doSetNextReader(leaves.get(++leaf));
            }
            collector.add(hit.doc - collector.docBase, hit.score);
        }
        return collector.ranked();
    }

    private Map<String, List<ScoreDoc>> ranked() throws IOException {
        endLeaf();
        List<Map.Entry<String, List<ScoreDoc>>> ranked = new ArrayList<>();
        best.forEach((video, queue) -> {
            List<ScoreDoc> docs = new ArrayList<>(queue);
            docs.sort((a, b) -> Float.compare(b.score, a.score));
            ranked.add(Map.entry(video, docs));
        });
        ranked.sort((a, b) -> Float.compare(b.getValue().get(0).score, a.getValue().get(0).score));
        Map<String, List<ScoreDoc>> byVideo = new LinkedHashMap<>();
        ranked.forEach(e -> byVideo.put(e.getKey(), e.getValue()));
        return byVideo;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext leaf) throws IOException {
        endLeaf();
        videos = DocValues.getSorted(leaf.reader(), SearchIndex.VIDEO);
        docBase = leaf.docBase;
    }

    /** The last leaf's videos by id: each ordinal looked up once, not once a match. */
    private void endLeaf() throws IOException {
        if (videos == null) {
            return;
        }
        for (var e : leafBest.entrySet()) {
            PriorityQueue<ScoreDoc> queue = best.computeIfAbsent(videos.lookupOrd(e.getKey()).utf8ToString(), v -> queue());
            e.getValue().forEach(d -> offer(queue, d));
        }
        leafBest.clear();
    }

    @Override
    public void setScorer(Scorable scorer) {
        this.scorer = scorer;
    }

    @Override
    public void collect(int doc) throws IOException {
        add(doc, scorer.score());
    }

    private void add(int doc, float score) throws IOException {
        if (videos.advanceExact(doc)) {
            offer(leafBest.computeIfAbsent(videos.ordValue(), o -> queue()), new ScoreDoc(docBase + doc, score));
        }
    }

    private static PriorityQueue<ScoreDoc> queue() {
        return new PriorityQueue<>((a, b) -> Float.compare(a.score, b.score));
    }

    /** Keeps a video's {@value SearchIndex#MATCHES_PER_VIDEO} best. */
    private static void offer(PriorityQueue<ScoreDoc> queue, ScoreDoc doc) {
        if (queue.size() < SearchIndex.MATCHES_PER_VIDEO) {
            queue.add(doc);
        } else if (doc.score > queue.peek().score) {
            queue.poll();
            queue.add(doc);
        }
    }
}
