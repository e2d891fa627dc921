using System.Text;
using System.Text.Json;
using StreamPortal.Data.Queries;

namespace StreamPortal.Export;

/// <summary>
/// Writes an export to a stream page by page and flushes after each, so the download starts at once and the portal
/// holds one page of rows at a time (see <see cref="EventExporter"/>).
/// </summary>
public sealed class EventExportWriter(EventExporter exporter)
{
    public async Task<long> WriteAsync(Stream output, EventFilter filter, ExportFormat format, JsonSerializerOptions json, CancellationToken ct)
    {
        var rows = 0L;
        if (format == ExportFormat.Csv)
        {
            await using var csv = EventCsv.Writer(output);
            csv.WriteHeader<EventExportRow>();
            await foreach (var page in exporter.ReadPagesAsync(filter, ct))
            {
                foreach (var row in page) await csv.WriteRecordAsync(row, ct);
                rows += page.Count;
                await csv.FlushAsync(ct);
            }
            return rows;
        }
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await foreach (var page in exporter.ReadPagesAsync(filter, ct))
        {
            foreach (var row in page)
            {
                await text.WriteAsync(JsonSerializer.Serialize(row, json).AsMemory(), ct);
                await text.WriteAsync('\n');
            }
            rows += page.Count;
            await text.FlushAsync(ct);
            await output.FlushAsync(ct);
        }
        return rows;
    }
}
