using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Hooks;
using StreamPortal.Ingest;
using StreamPortal.Replay;
using StreamPortal.Wcs;

namespace StreamPortal.Export;

/// <summary>
/// Imports a checked bundle (see <see cref="BundleValidation"/>) through the ingest queue, so that the writer projects
/// its streams and sessions exactly as it did the live hooks: in the bundle's order, with their original times and
/// answers. Events get this portal's ids (the map is answered) and are marked ImportedFrom "{bundle id}#{original id}";
/// rule ids are dropped (they name the other portal's rules, and the writer would count a hit on this one's).
/// </summary>
public sealed class BundleImporter(IngestQueue queue, IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>
    /// Whether this bundle (by its id, new at every export) was imported before: a second import would store every
    /// event again and play its lifecycle over the first. A rare admin action, so a scan of the column is acceptable.
    /// </summary>
    public async Task<bool> AlreadyImportedAsync(string bundleId, CancellationToken ct)
    {
        var prefix = bundleId + "#";
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Events.AsNoTracking().AnyAsync(e => e.ImportedFrom != null && e.ImportedFrom.StartsWith(prefix), ct);
    }

    /// <summary>Events queued before their commits are awaited: the writer commits them in few batches.</summary>
    private const int ChunkSize = 64;

    public async Task<BundleImportResult> ImportAsync(EventBundle bundle, CancellationToken ct)
    {
        var ids = new Dictionary<long, long>();
        var order = new List<ImportedEventId>(bundle.Events.Count);
        var pending = new List<(long Original, IngestItem Item)>(ChunkSize);
        foreach (var e in bundle.Events)
        {
            // A replay points at its original's new id, which exists only once the original is committed.
            if (e.ReplayOf is { } of && !ids.ContainsKey(of)) await FlushAsync(pending, ids, order, ct);
            pending.Add((e.Id, ToItem(bundle.Id, e, ids)));
            if (pending.Count == ChunkSize) await FlushAsync(pending, ids, order, ct);
        }
        await FlushAsync(pending, ids, order, ct);
        return new BundleImportResult(bundle.Id, bundle.Scope, order.Count, order);
    }

    private async Task FlushAsync(List<(long Original, IngestItem Item)> pending, Dictionary<long, long> ids, List<ImportedEventId> order, CancellationToken ct)
    {
        if (pending.Count == 0) return;
        // Queued one after the other (the channel keeps their order, and so do their ids), then awaited together.
        var commits = pending.Select(p => queue.WriteAndCommitAsync(p.Item, ct)).ToList();
        var stored = await Task.WhenAll(commits);
        for (var i = 0; i < pending.Count; i++)
        {
            ids[pending[i].Original] = stored[i];
            order.Add(new ImportedEventId(pending[i].Original, stored[i]));
        }
        pending.Clear();
    }

    private static IngestItem ToItem(string bundleId, BundleEvent e, Dictionary<long, long> ids)
    {
        var body = StoredHooks.BodyBytes(e.Body, e.BodyEncoding);
        var evt = StoredHooks.NewEvent(e.ReceivedAt.ToUnixTimeMilliseconds(), e.App, e.Method, body, JsonSerializer.Serialize(e.Headers));
        evt.RemoteAddress = e.RemoteAddress;
        evt.AnswerStatus = e.AnswerStatus;
        evt.AnswerBody = e.AnswerBody;
        evt.RuleName = e.RuleName;
        evt.DelayMs = e.DelayMs;
        evt.Rejected = e.Rejected;
        evt.RejectReason = e.RejectReason;
        evt.AnswerDelivered = e.AnswerDelivered ? null : false;
        evt.ReplayOf = e.ReplayOf is { } of ? ids[of] : null;
        evt.ImportedFrom = $"{bundleId}#{e.Id}";
        var fields = HookBodyParser.Parse(body).Fields;
        if (e.Rejected && fields is not null)
        {
            // Rejected hooks keep their identity when they parse, but are never projected (as when they arrived).
            HookHandler.Identify(evt, fields);
            fields = null;
        }
        var restClientConfig = evt.Kind == HookKind.Connect && e.AnswerStatus == 200 ? RestClientConfigOf(e.AnswerBody) : null;
        return StoredHooks.Item(evt, body, fields, restClientConfig, e.LatencyMs);
    }

    /// <summary>The restClientConfig a connect was answered with (the answer body holds it when there was one).</summary>
    private static string? RestClientConfigOf(string? answerBody)
    {
        if (answerBody is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(answerBody);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("restClientConfig", out var config)
                ? config.GetRawText() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
