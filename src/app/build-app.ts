import { closeOcrEngine, configureOcr } from '../ingest/ocr/index.js';
import { configureIndexBuild } from '../search/parallel-build.js';
import { readFile } from 'node:fs/promises';
import { FaqSync } from './faq-sync.js';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from '../config/index.js';
import { describeError } from '../common/errors.js';
import { AnswerComposer } from '../answer/index.js';
import { GroundedComposer, createChatModel } from '../answer/llm/index.js';
import { KnowledgeBase } from '../search/knowledge-base.js';
import { IsolatedFileParser } from '../search/isolated-file-parser.js';
import { TransformersEmbedder } from '../search/dense/transformers-embedder.js';
import { ConversationService, QueueDispatcher, SearchCache } from '../conversation/index.js';
import { DailyLessons, TrainingService } from '../training/index.js';
import type { Unit } from '../conversation/index.js';
import { parseUnitsFile } from '../ingest/units-file.js';
import { openStore } from '../storage/index.js';
import { TelegramChannel } from '../channels/telegram/index.js';
import { ZaloChannel } from '../channels/zalo/index.js';
import { WebChatChannel, WebMailbox } from '../channels/webchat/index.js';
import { TelegramStaffNotifier, StaffGroupHandler } from '../channels/telegram/index.js';
import { TicketService, OutboxRelay, nullStaffNotifier } from '../escalation/index.js';
import type { StaffNotifier } from '../escalation/index.js';
import type { ChannelName, ReplySender } from '../conversation/index.js';
import type { AppStore, StoreHandle } from '../storage/index.js';
import { createStaffRouter, LoginThrottle } from '../http/staff/index.js';
import { createReportRouter } from '../http/staff/report-routes.js';
import { createTrainedRouter } from '../http/staff/trained-routes.js';
import { adminLayout, createAdminApiRouter, createAdminConsoleRouter } from '../http/admin/index.js';
import { DocumentService } from '../admin/index.js';
import { createHttpApp } from '../http/index.js';
import { ChatLimits } from '../http/limits/index.js';
import { msg } from '../common/messages-vi.js';
import { createLogger } from './logger.js';
import type { RetryOptions } from '../channels/retry.js';
import type { ZaloOaChannel } from '../channels/zalo-oa/index.js';
import { wireZaloOa } from './zalo-oa-wiring.js';
import type { ZaloOaWiring } from './zalo-oa-wiring.js';
import { createOpsMetrics } from './ops-metrics.js';
import { meteredDispatcher, meteredEscalator, meteredHandler, meteredKnowledge, meteredNotifier } from './metered.js';

/** A built application: call `start()` to listen and start the channels, `stop()` to shut down. */
export interface App {
  config: Config;
  logger: PinoLogger;
  store: AppStore;
  knowledge: KnowledgeBase;
  dispatcher: QueueDispatcher;
  /** Escalation to reform staff (tickets, staff answers, learning loop). */
  tickets: TicketService;
  relay: OutboxRelay;
  /** Admin document management (upload, replace, delete, metadata, background reindex). */
  documents: DocumentService;
  telegram?: TelegramChannel;
  zalo?: ZaloChannel;
  /** The Zalo Official Account channel (`ZALO_OA_APP_ID` set), with its token counters for metrics. */
  zaloOa?: ZaloOaChannel;
  zaloOaCounters?: ZaloOaWiring['counters'];
  /** Starts the HTTP server and the channels; resolves with the bound port. */
  start(): Promise<number>;
  /** Stops taking updates, finishes the ones in flight, then closes the server and the database. */
  stop(): Promise<void>;
}

/** Options for {@link buildApp} (tests inject a logger destination or an escalator). */
export interface BuildOptions {
  logDestination?: NodeJS.WritableStream;
  /** Use this store instead of opening `DATABASE_URL` (tests wrap its port objects to simulate an outage). */
  store?: AppStore;
  /** Retry policy for platform calls (tests shorten the backoff). */
  retry?: RetryOptions;
  /** Minimum gap between two Zalo messages to one chat, ms. Default 1000 (about 1 message/s per chat). */
  zaloMinSendIntervalMs?: number;
  /** How often the outbox relay looks for answers to deliver, ms. Default 1000. */
  relayPollMs?: number;
  /** How often the reply outbox looks for bot answers to deliver or retry, ms. Default 1000. */
  replyPollMs?: number;
  /** Reply outbox backoff (tests shorten it); the give-up time comes from REPLY_GIVE_UP_MINUTES. */
  replyRetry?: { baseDelayMs?: number; maxDelayMs?: number; unknownOutcomeDelayMs?: number };
  /** Clock port of the conversation and training cores (tests move time forward for reviews). Default `Date.now`. */
  now?: () => number;
}

/**
 * The composition root: builds config-driven stores, the knowledge base, the conversation core and the
 * channels, and the HTTP app. The only place that names concrete classes from every folder.
 */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<App> {
  const logger = createLogger(config, opts.logDestination);
  // WAL checkpoints (an fsync each) run on a worker thread, not inside a webhook's commit.
  const store = opts.store ?? (await openStore(config.databaseUrl, { logger, schema: config.databaseSchema, checkpointIntervalMs: 1000 }));
  // Each service gets the port objects it uses, never the whole store: below, only `db.ports.*`, `db.ping`
  // and `db.close` are reachable (the outage e2e test wraps exactly these).
  const db: StoreHandle = store;
  const ports = db.ports;
  const denseLog = logger.child({ component: 'dense' });
  const embedder = config.embeddingModelDir ? await TransformersEmbedder.load(config.embeddingModelDir) : undefined;
  if (embedder) denseLog.info({ model: embedder.modelDir, dimension: embedder.dimension }, `dense retrieval on (model ${embedder.modelDir})`);
  else denseLog.info({}, 'dense retrieval is off (EMBEDDING_MODEL_DIR not set)');
  // Scanned documents: OCR in worker threads, cached in DATA_DIR/ocr-cache (src/ingest/ocr); in this process
  // (CLI-like paths) and, with the same settings, inside the parse processes below.
  const ocrSetup = { ...config.ocr, dataDir: config.dataDir };
  await configureOcr(ocrSetup);
  // A reindex builds the keyword index in worker threads (issue 17), so this thread keeps answering.
  configureIndexBuild({ workers: config.indexBuildWorkers });
  // Parsing runs in child processes with size, time and memory limits (issue 11): a hostile upload costs a
  // parse process, never the server. One for reindexes, one for upload trial loads (neither waits on the other).
  // A scan may take up to the OCR file budget, so the per-file time limit is at least that.
  const ingestLog = logger.child({ component: 'ingest' });
  const timeoutMs = Math.max(config.ingest.timeoutMs, config.ocr.workers > 0 ? config.ocr.fileTimeoutMs + 30_000 : 0);
  const parserOptions = { limits: { ...config.ingest, timeoutMs }, memoryMb: config.ingest.workerMemoryMb, logger: ingestLog, ocr: ocrSetup };
  const reindexParser = new IsolatedFileParser(parserOptions);
  const uploadParser = new IsolatedFileParser(parserOptions);
  const knowledge = await KnowledgeBase.open({
    dataDir: config.dataDir,
    knowledgeDir: config.knowledgeDir,
    logger,
    parser: reindexParser,
    embedder: embedder ? { embedQuery: (q) => embedder.embedQuery(q), embedPassages: (t) => embedder.embedPassages(t) } : undefined,
    embedderId: embedder?.modelDir,
  });
  // Repeated questions reuse their search result while the index is the same (conversation/search-cache.ts);
  // FAQ entries added in place (approved staff answers) empty it.
  const searchCache = new SearchCache(knowledge, {
    maxEntries: config.searchCacheSize,
    maxBytes: config.searchCacheMb * 1024 * 1024,
    ttlMs: config.searchCacheSeconds * 1000,
    generation: () => knowledge.snapshot,
  });
  const addFaq = (entry: Parameters<KnowledgeBase['addFaq']>[0]) => {
    knowledge.addFaq(entry);
    searchCache.clear();
  };
  const units = await loadUnits(config.knowledgeDir, logger);
  const unknownUnits = config.autoEscalateUnits.filter((id) => !units.some((u) => u.id === id));
  if (unknownUnits.length) logger.warn({ units: unknownUnits }, 'AUTO_ESCALATE_UNITS names units that units.yaml does not list; they never match');
  // Metrics (issue 13): Prometheus when /metrics is configured, else no-op; counted by wrappers (metered.ts).
  const ops = createOpsMetrics(config, {
    ops: ports.ops, tickets: ports.tickets, knowledge, logger: logger.child({ component: 'metrics' }),
    // Bound late: the OA channel is built further down.
    zaloOa: config.zaloOa ? async () => { const h = await oa?.health(); return { status: String(h?.status ?? 'unknown'), accessExpiresAt: typeof h?.accessExpiresAt === 'number' ? h.accessExpiresAt : null }; } : undefined,
  });
  // The staff notifier needs the Telegram client and the channel needs the staff handler: the handler is
  // bound once both exist.
  let staffHandler: StaffGroupHandler | undefined;
  let notifier: StaffNotifier = nullStaffNotifier;
  const tickets = new TicketService({
    tickets: ports.tickets,
    notifier: meteredNotifier({ postTicket: (t) => notifier.postTicket(t), updateTicket: (t) => notifier.updateTicket(t), remind: (t, m) => notifier.remind(t, m), confirmRelay: (t, o, d) => notifier.confirmRelay(t, o, d) }, ops.metrics),
    analyzer: knowledge.analyzer,
    addFaq,
    remindMinutes: config.escalationRemindMinutes,
    logger: logger.child({ component: 'escalation' }),
  });
  // Approved Q&As: loaded now, then polled so one approved on another instance is answered here too.
  const faqSync = new FaqSync({ approved: () => tickets.approvedFaq(), addFaq, logger: logger.child({ component: 'faq-sync' }) });
  await faqSync.syncOnce();
  const extractive = new AnswerComposer({ threshold: config.answerThreshold, cautionBelow: config.answerCautionBelow });
  const llmLog = logger.child({ component: 'llm' });
  const composer = config.llm
    ? new GroundedComposer({
        extractive,
        chat: createChatModel({ baseUrl: config.llm.baseUrl, model: config.llm.model, apiKey: config.llm.apiKey, timeoutMs: config.llm.timeoutMs }),
        timeoutMs: config.llm.timeoutMs,
        logger: llmLog,
      })
    : extractive;
  if (config.llm) llmLog.info({ model: config.llm.model, timeoutMs: config.llm.timeoutMs }, 'LLM answers on');
  else llmLog.info({}, 'LLM answers off (LLM_BASE_URL and LLM_MODEL not set); extractive answers only');
  const learning = new TrainingService({ courses: () => knowledge.courses(), store: ports.training, passPercent: config.trainingPassPercent, units, now: opts.now });
  // Web chat abuse limits (issue 11): per client address and global; the escalation budget alerts staff
  // once per trip through the staff group (bound late: the Telegram client is built below).
  let alertStaff: ((text: string) => Promise<unknown>) | undefined;
  const chatLimits = new ChatLimits({
    ...config.webchatLimits,
    logger: logger.child({ component: 'webchat-limits' }),
    onBudgetTripped: async (trip) => {
      await alertStaff?.(msg('staff.alert.escalationBudget', { scope: msg(`staff.alert.scope.${trip.scope}`), limit: trip.limit }));
    },
  });
  const service = new ConversationService({
    knowledge: searchCache,
    composer,
    store: ports.conversation,
    units,
    escalator: chatLimits.escalator(meteredEscalator(tickets, ops.metrics)),
    autoEscalate: config.autoEscalate,
    autoEscalateUnits: config.autoEscalateUnits,
    rateLimitPerMinute: config.rateLimitPerMinute,
    learning,
    now: opts.now,
    logger,
  });
  // Bot answers go through the reply outbox (issue 11): recorded before the webhook is acknowledged,
  // delivered until the platform accepts them or REPLY_GIVE_UP_MINUTES pass.
  const dispatcher = new QueueDispatcher({
    updates: ports.conversation,
    outbox: ports.replies,
    handler: meteredHandler(service, ops.metrics),
    logger,
    leaseMs: config.replyLeaseSeconds * 1000,
    retry: { giveUpMs: config.replyGiveUpMinutes * 60_000, maxDelayMs: config.replyMaxBackoffSeconds * 1000, ...opts.replyRetry },
    pollMs: opts.replyPollMs,
    ackWaitMs: config.webhookAckWaitMs,
  });
  const counted = meteredDispatcher(dispatcher, ops.metrics);
  const staffChatId = config.telegram?.staffChatId;
  const telegram = config.telegram
    ? new TelegramChannel({
        token: config.telegram.token,
        apiRoot: config.telegram.apiRoot,
        webhookSecret: config.telegram.webhookSecret,
        publicUrl: config.publicUrl,
        registerAtStart: config.webhookSetAtStart,
        dispatcher: counted,
        logger: logger.child({ channel: 'telegram' }),
        retry: opts.retry,
        sendTimeoutMs: config.sendTimeoutMs,
        staff: staffChatId ? { chatId: staffChatId, handler: { handle: (u: unknown) => (staffHandler ? staffHandler.handle(u) : Promise.resolve(false)) }, claims: ports.updateClaims } : undefined,
      })
    : undefined;
  if (telegram && staffChatId) {
    const staffLog = logger.child({ channel: 'telegram-staff' });
    notifier = new TelegramStaffNotifier({ client: telegram.client, staffChatId, logger: staffLog, retry: opts.retry, countWaiting: (t) => ports.tickets.waiters(t.id).then((w) => w.length), reachNote: (t) => oa?.reachNote(t) ?? Promise.resolve(undefined) });
    const client = telegram.client;
    alertStaff = (text) => client.sendMessage(staffChatId, text);
    staffHandler = new StaffGroupHandler({ tickets, lookup: ports.tickets, client: telegram.client, staffChatId, logger: staffLog, retry: opts.retry });
  }
  const zalo = config.zalo
    ? new ZaloChannel({
        token: config.zalo.token,
        apiRoot: config.zalo.apiRoot,
        webhookSecret: config.zalo.webhookSecret,
        publicUrl: config.publicUrl,
        registerAtStart: config.webhookSetAtStart,
        dispatcher: counted,
        logger: logger.child({ channel: 'zalo' }),
        retry: opts.retry,
        sendTimeoutMs: config.sendTimeoutMs,
        minSendIntervalMs: opts.zaloMinSendIntervalMs,
      })
    : undefined;
  const secureCookies = Boolean(config.publicUrl?.startsWith('https://'));
  const telegramClient = telegram?.client;
  const oa: ZaloOaWiring | undefined = config.zaloOa
    ? wireZaloOa({
        config: { ...config, zaloOa: config.zaloOa }, store: ports.zaloOa, audit: ports.audit, dispatcher: counted, logger, retry: opts.retry, minSendIntervalMs: opts.zaloMinSendIntervalMs, secureCookies,
        tellStaff: telegramClient && staffChatId ? async (text) => void (await telegramClient.sendMessage(staffChatId, text)) : undefined,
      })
    : undefined;
  const mailbox = new WebMailbox(ports.webInbox);
  const senders: Partial<Record<ChannelName, ReplySender>> = { web: mailbox };
  if (telegram) senders.telegram = telegram.sender;
  if (zalo) senders.zalo = zalo.sender;
  if (oa) senders['zalo-oa'] = oa.channel.sender;
  const daily = new DailyLessons({ service: learning, store: ports.training, senders, now: opts.now, logger: logger.child({ component: 'daily-lessons' }) });
  const relay = new OutboxRelay({ tickets: ports.tickets, senders, notifier: { postTicket: async () => undefined, updateTicket: async () => {}, remind: async () => {}, confirmRelay: (t, o, d) => notifier.confirmRelay(t, o, d) }, logger: logger.child({ component: 'relay' }), pollMs: opts.relayPollMs, giveUpMs: config.replyGiveUpMinutes * 60_000, maxBackoffMs: config.replyMaxBackoffSeconds * 1000 });
  const webchat = new WebChatChannel({ dispatcher: counted, mailbox });
  // One login throttle for both consoles, so failures at /staff and /admin count together.
  const throttle = new LoginThrottle({ store: ports.logins });
  const staffRouter = createStaffRouter({
    tickets,
    ticketStore: ports.tickets,
    accounts: ports.staff,
    secureCookies,
    remindMinutes: config.escalationRemindMinutes,
    logger: logger.child({ component: 'console' }),
    throttle,
    faqReview: () => knowledge.faqReview(),
    replyWindow: oa?.replyWindow,
  });
  const adminLog = logger.child({ component: 'admin' });
  const adminNav = [{ href: '/admin/reports', label: 'Báo cáo' }, { href: '/admin/trained', label: 'Cán bộ được bồi dưỡng' }, ...(oa ? [oa.nav] : [])];
  const documents = new DocumentService({ knowledgeDir: config.knowledgeDir, knowledge: meteredKnowledge(knowledge, ops.metrics), audit: ports.audit, jobs: ports.reindexJobs, logger: adminLog, parser: uploadParser });
  const adminApi = createAdminApiRouter({ documents, audit: ports.audit, accounts: ports.staff, adminToken: config.adminToken, secureCookies, logger: adminLog, throttle });
  const adminConsole = createAdminConsoleRouter({
    documents,
    audit: ports.audit,
    accounts: ports.staff,
    secureCookies,
    logger: adminLog,
    throttle,
    sections: [
      {
        path: '/reports',
        label: 'Báo cáo',
        router: createReportRouter({
          store: ports.reports,
          units,
          remindMinutes: config.escalationRemindMinutes,
          logger: adminLog,
          path: '',
          frame: (p) => adminLayout({ ...p, current: '/admin/reports', extraNav: adminNav }),
        }),
      },
      {
        path: '/trained',
        label: 'Cán bộ được bồi dưỡng',
        router: createTrainedRouter({
          store: ports.training,
          units,
          courseTitle: (id) => knowledge.courses().find((c) => c.id === id)?.title ?? id,
          cssHref: '/admin/reports/report.css',
          frame: (p) => adminLayout({ ...p, current: '/admin/trained', extraNav: adminNav }),
          now: opts.now,
        }),
      },
      ...(oa ? [oa.adminSection(adminNav)] : []),
    ],
    beforeLogin: oa ? [oa.callback] : [],
    banner: oa?.banner,
  });
  const http = createHttpApp({
    dispatcher,
    webchat,
    webhooks: { telegram: telegram?.webhook, zalo: zalo?.webhook, 'zalo-oa': oa?.channel.webhook },
    staff: staffRouter,
    adminApi,
    adminConsole,
    trustProxy: config.trustProxy,
    trustProxyAddresses: config.trustProxyAddresses,
    chatLimits,
    metrics: ops.publicEndpoint,
    logger,
    health: async () => {
      try {
        await db.ping();
        const zaloOa = oa ? await oa.health().catch(() => ({ status: 'unknown' })) : undefined;
        return { ok: true, details: { index: { version: knowledge.snapshot.version, chunks: knowledge.snapshot.chunks.length }, database: 'ok', ...(zaloOa ? { zaloOa } : {}) } };
      } catch (err: unknown) {
        return { ok: false, details: { database: 'unavailable', reason: describeError(err) } };
      }
    },
  });
  let server: Server | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;
  return {
    config,
    logger,
    store,
    knowledge,
    dispatcher,
    tickets,
    relay,
    documents,
    telegram,
    zalo,
    zaloOa: oa?.channel,
    zaloOaCounters: oa?.counters,
    async start() {
      // The metrics listener first: if its port is taken, nothing else has started yet.
      await ops.listen();
      server = await new Promise<Server>((resolve, reject) => {
        const s = http.listen(config.port, config.host, () => resolve(s));
        s.once('error', reject);
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      await Promise.all([telegram?.start(), zalo?.start(), oa?.channel.start()]);
      relay.start();
      dispatcher.startDelivery(senders);
      daily.start();
      unwatch = knowledge.watch(config.syncIntervalMs);
      faqSync.start(config.syncIntervalMs);
      for (const f of knowledge.faqReview()) logger.warn({ faqId: f.faqId, reason: f.reason }, 'Q&A needs review: its source changed');
      sweeper = setInterval(() => void tickets.sweep().catch((err: unknown) => logger.warn({ err: describeError(err) }, 'SLA sweep failed')), 60_000);
      logger.info({ port, host: config.host, telegram: Boolean(telegram), zalo: Boolean(zalo), zaloOa: Boolean(oa) }, 'cchc-bot listening');
      return port;
    },
    async stop() {
      clearInterval(sweeper);
      faqSync.stop();
      unwatch?.();
      await Promise.all([telegram?.stop(), zalo?.stop(), oa?.channel.stop()]);
      const closing = server ? new Promise<void>((r) => server?.close(() => r())) : Promise.resolve();
      await dispatcher.stopDelivery();
      await relay.stop();
      await daily.stop();
      server?.closeAllConnections?.();
      await closing;
      await ops.close();
      await Promise.all([reindexParser.close(), uploadParser.close()]);
      await db.close();
      await closeOcrEngine();
      logger.info({}, 'cchc-bot stopped');
    },
  };
}

async function loadUnits(knowledgeDir: string, logger: PinoLogger): Promise<Unit[]> {
  try {
    const { units, problems } = parseUnitsFile(await readFile(join(knowledgeDir, 'units.yaml'), 'utf8'));
    for (const p of problems) logger.warn({ file: 'units.yaml' }, p);
    return units;
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ err: describeError(err) }, 'units.yaml unreadable; unit question disabled');
    return [];
  }
}
