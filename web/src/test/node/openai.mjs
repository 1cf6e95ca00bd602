// Calls Junction's OpenAI-compatible endpoint through the official OpenAI Node SDK (openai), unmodified.
// Used by the Java end-to-end tests (ChatCompletionsNodeSdkTest) to check SDK compatibility.
//
// Usage: node openai.mjs <baseURL> <apiKey> <create|stream> <paramsJson> [headersJson] [clientOptionsJson]
//   paramsJson goes to client.chat.completions.create as is (Junction's own fields under "junction" ride along
//   as an extra body field); headersJson, when given (and not ''), is sent as extra request headers (e.g.
//   X-Junction-Context); clientOptionsJson, when given, overrides the client's options (e.g. {"maxRetries":1};
//   by default 0).
// Prints ONE line of JSON to stdout:
//   create: {"ok":true,"result":<ChatCompletion>,"requestId":<X-Junction-Request-Id>}
//   stream: {"ok":true,"result":[<chunk>...]}
//   error:  {"ok":false,"name":..,"message":..,"status":..,"error":..,"headers":{..},"elapsedMs":..,"chunks":[..]}
//           (exit code 1; headers: the error response's; elapsedMs: from the call to the throw, retries included;
//           chunks: what a stream yielded before it threw)
// The tests call it through serve.mjs, one Node process per test JVM (run(args) below, the same arguments).
import OpenAI from "openai";
import { fromCommandLine, settle } from "./call.mjs";

/** One call: the arguments of the command line; returns the line's object (ok false: the SDK threw). */
export function run(args) {
  const started = Date.now();
  return settle((chunks) => call(args, chunks), (err) => ({
    name: err?.constructor?.name ?? err?.name ?? null,
    status: err?.status ?? null,
    error: err?.error ?? null,
    headers: err?.headers ? Object.fromEntries(err.headers.entries ? err.headers.entries() : Object.entries(err.headers)) : null,
    elapsedMs: Date.now() - started,
  }));
}

async function call(args, chunks) {
  const [baseURL, apiKey, method, paramsJson, headersJson, optionsJson] = args;
  if (!baseURL || !apiKey || !["create", "stream"].includes(method) || paramsJson === undefined) {
    throw new Error("usage: node openai.mjs <baseURL> <apiKey> <create|stream> <paramsJson> [headersJson] [clientOptionsJson]");
  }
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, ...(optionsJson ? JSON.parse(optionsJson) : {}) });
  const params = JSON.parse(paramsJson);
  const options = headersJson ? { headers: JSON.parse(headersJson) } : undefined;
  if (method === "stream") {
    const stream = await client.chat.completions.create({ ...params, stream: true }, options);
    for await (const chunk of stream) chunks.push(chunk);
    return { ok: true, result: chunks };
  }
  const { data, response } = await client.chat.completions.create(params, options).withResponse();
  return { ok: true, result: data, requestId: response.headers.get("x-junction-request-id") };
}

await fromCommandLine(import.meta, run);
