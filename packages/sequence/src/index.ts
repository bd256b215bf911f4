/**
 * `@ml/sequence`: recurrent layers, text classifiers, word embeddings, time-series forecasting and seq2seq.
 * @packageDocumentation
 */
export {};
