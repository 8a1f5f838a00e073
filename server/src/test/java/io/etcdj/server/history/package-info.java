/**
 * Histories of the cluster simulator's clients, and the checks they must pass.
 *
 * <p>Recording: the simulator's clients call {@link io.etcdj.server.history.HistoryRecorder}
 * ({@code invoke}, then {@code ok} or {@code unknown}); {@code history()} gives the run's
 * {@link io.etcdj.server.history.History}. A read is recorded as a quorum
 * {@link io.etcdj.server.history.Input.Get} or a plain (local)
 * {@link io.etcdj.server.history.Input.PlainGet}; the choice decides which check it gets.
 *
 * <p>Checking: {@link io.etcdj.server.history.HistoryCheck#check} runs both:
 * {@link io.etcdj.server.history.LinearizabilityChecker} (quorum operations, per key, Wing &amp;
 * Gong / Lowe search against {@link io.etcdj.server.history.KeyModel}) and
 * {@link io.etcdj.server.history.PlainReadChecker} (plain reads: written values only, no going
 * back per client and member). A {@link io.etcdj.server.history.CheckResult} is passed, a
 * violation with a short explanation to print beside the seed, or undecided (too large).
 *
 * <p>Everything else here tests those: hand-written histories ({@link io.etcdj.server.history.Ops}),
 * histories generated from the real store ({@link io.etcdj.server.history.GeneratedHistory}),
 * deliberately broken ones ({@link io.etcdj.server.history.Mutations}) and a brute-force
 * reference ({@link io.etcdj.server.history.ExhaustiveSearch}).
 */
package io.etcdj.server.history;
