namespace StreamPortal.Export;

/// <summary>The formats of <c>GET /api/events/export</c>.</summary>
public enum ExportFormat
{
    /// <summary>One JSON object per line (the API's camelCase names), <c>application/x-ndjson</c>.</summary>
    Ndjson,
    /// <summary>RFC 4180 CSV with a header row, written by CsvHelper, <c>text/csv</c>.</summary>
    Csv,
}

public static class ExportFormats
{
    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    public static string Extension(ExportFormat format) => format == ExportFormat.Csv ? "csv" : "ndjson";

    /// <summary>Null when <paramref name="raw"/> names no format (missing means NDJSON).</summary>
    public static ExportFormat? Parse(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        null or "" or "ndjson" => ExportFormat.Ndjson,
        "csv" => ExportFormat.Csv,
        _ => null,
    };
}
