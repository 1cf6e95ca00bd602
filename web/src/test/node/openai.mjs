// Calls Junction's OpenAI-compatible endpoint through the official OpenAI Node SDK (openai), unmodified.
// Used by the Java end-to-end tests (ChatCompletionsNodeSdkTest) to check SDK compatibility.
//
// Usage: node openai.mjs <baseURL> <apiKey> <create|stream> <paramsJson> [headersJson]
//   paramsJson goes to client.chat.completions.create as is (Junction's own fields under "junction" ride along
//   as an extra body field); headersJson, when given, is sent as extra request headers (e.g. X-Junction-Context).
// Prints ONE line of JSON to stdout:
//   create: {"ok":true,"result":<ChatCompletion>,"requestId":<X-Junction-Request-Id>}
//   stream: {"ok":true,"result":[<chunk>...]}
//   error:  {"ok":false,"name":..,"message":..,"status":..,"error":..,"chunks":[..]} (exit code 1; chunks: what a
//           stream yielded before it threw)
import OpenAI from "openai";

const chunks = [];

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

async function main() {
  const [baseURL, apiKey, method, paramsJson, headersJson] = process.argv.slice(2);
  if (!baseURL || !apiKey || !["create", "stream"].includes(method) || paramsJson === undefined) {
    throw new Error("usage: node openai.mjs <baseURL> <apiKey> <create|stream> <paramsJson> [headersJson]");
  }
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
  const params = JSON.parse(paramsJson);
  const options = headersJson ? { headers: JSON.parse(headersJson) } : undefined;
  if (method === "stream") {
    const stream = await client.chat.completions.create({ ...params, stream: true }, options);
    for await (const chunk of stream) chunks.push(chunk);
    emit({ ok: true, result: chunks });
    return;
  }
  const { data, response } = await client.chat.completions.create(params, options).withResponse();
  emit({ ok: true, result: data, requestId: response.headers.get("x-junction-request-id") });
}

main().catch((err) => {
  emit({
    ok: false,
    name: err?.constructor?.name ?? err?.name ?? null,
    message: err?.message ?? String(err),
    status: err?.status ?? null,
    error: err?.error ?? null,
    chunks,
  });
  process.exitCode = 1;
});
