using CsvHelper;

namespace StreamPortal.Export;

/// <summary>
/// The CSV options of <see cref="EventExportRow"/>, for CsvHelper's writer and reader (quoting of commas, quotes and
/// line breaks is its job, not ours). RFC 4180 with a header row; times in ISO 8601 round-trip form; a null is an
/// empty field (and an empty field reads back as null: the events' texts are null rather than empty).
/// </summary>
public static class EventCsv
{
    public static CsvWriterOptions WriterOptions { get; } = CsvWriterOptions.Default;

    public static CsvReaderOptions ReaderOptions { get; } = CsvReaderOptions.Default with { NullValues = [""] };

    public static CsvWriter Writer(Stream output) => CsvWriter.Create(output, WriterOptions, leaveOpen: true);

    public static CsvReader Reader(Stream input) => CsvReader.Create(input, ReaderOptions, leaveOpen: true);
}
