import { createRequire } from 'node:module';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import type { History } from '@temporalio/common/lib/proto-utils';

/**
 * History <-> ProtoJSON (the format of `temporal workflow show --output json` and of the SDK's
 * `historyToJSON`), for the recorder and the replay test. Test-only, Node side.
 *
 * Why not `historyToJSON`/`historyFromJSON` from @temporalio/common/lib/proto-utils: in this
 * install npm could not hoist protobufjs 8 (@grpc/proto-loader holds protobufjs 7 at the root), so
 * @temporalio/proto, @temporalio/common and @temporalio/worker each got their own nested copy of
 * protobufjs 8.8.1. The SDK functions pass a Type built by @temporalio/proto's copy to the
 * ProtoJSON extension of @temporalio/common's copy, whose `instanceof Type` check fails:
 * "TypeError: type must be a Type" (in plain Node too, not only under Jest). The same happens
 * inside `Worker.runReplayHistories` when it is given JSON, so the replay test passes it a decoded
 * History instead. Here the extension is loaded from the copy @temporalio/proto itself uses,
 * which is right whether protobufjs is nested or deduplicated.
 */
type ProtoJson = {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
};
const protojson = createRequire(require.resolve('@temporalio/proto'))('protobufjs/ext/protojson') as ProtoJson;
const HistoryMessage = proto.temporal.api.history.v1.History;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType(
  'temporal.api.history.v1.History',
);

/** Pretty-printed ProtoJSON of a history, as the SDK's `historyToJSON` writes it. */
export function historyToJson(history: History): string {
  return JSON.stringify(protojson.toJson(historyType, HistoryMessage.fromObject(history)), null, 2);
}

/** A decoded history from its ProtoJSON (unknown fields from newer servers are ignored). */
export function historyFromJson(json: unknown): History {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { events?: unknown }).events)) {
    throw new TypeError('Invalid history: expected an object with an array of events');
  }
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}
