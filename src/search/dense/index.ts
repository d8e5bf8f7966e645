/**
 * Public surface of the optional dense-retrieval layer (see README.md): vector index, corpus embeddings,
 * transformer embeddings from a local folder, fusion with the lexical ranking.
 */
export { HnswVectorIndex, DEFAULT_HNSW } from './vector-index.js';
export type { VectorIndex, VectorHit, HnswOptions } from './vector-index.js';
export { CorpusEmbeddings, DEFAULT_CORPUS_EMBEDDING } from './corpus-embeddings.js';
export type { CorpusEmbeddingOptions, CorpusEmbeddingData, CorpusTraining } from './corpus-embeddings.js';
export { reciprocalRankFusion, linearBlend } from './fusion.js';
export type { FusedScore, RrfOptions } from './fusion.js';
export { HybridRetriever, DEFAULT_HYBRID } from './hybrid-retriever.js';
export type { HybridOptions, FusionMethod, QueryEmbedder } from './hybrid-retriever.js';
export { TransformersEmbedder } from './transformers-embedder.js';
export type { TransformersEmbedderOptions } from './transformers-embedder.js';
export { readEmbedderConfig, EMBEDDER_CONFIG_FILE, DEFAULT_EMBEDDER_CONFIG, POOLINGS } from './embedder-config.js';
export type { EmbedderConfig, Pooling } from './embedder-config.js';
export { writeStaticEmbeddingModel, encodeStaticEmbeddingOnnx, SPECIAL_TOKENS } from './static-embedding-model.js';
export type { StaticEmbeddingModel } from './static-embedding-model.js';
export { buildCorpusDenseLayer, saveCorpusDenseLayer, loadCorpusDenseLayer, DENSE_FILES } from './dense-layer.js';
export type { CorpusDenseLayer } from './dense-layer.js';
