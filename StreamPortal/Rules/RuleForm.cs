using System.Globalization;
using System.Text.Json;

namespace StreamPortal.Rules;

/// <summary>
/// The editor's model: every input as typed (text), turned into a <see cref="RuleInput"/> with errors keyed
/// by the same JSON paths the validator uses, so one message list serves parse and rule errors alike.
/// </summary>
public sealed class RuleForm
{
    public sealed class FieldRow
    {
        public string Path { get; set; } = "";
        public string Op { get; set; } = FieldOps.EqualsOp;
        public string Value { get; set; } = "";
    }

    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string Methods { get; set; } = "";
    public string AppKey { get; set; } = "";
    public string StreamName { get; set; } = "";
    public string Statuses { get; set; } = "";
    public string SessionId { get; set; } = "";
    public List<FieldRow> Fields { get; set; } = [];
    public string Status { get; set; } = "403";
    public string BodyMode { get; set; } = BodyModes.Mirror;
    public string BodyJson { get; set; } = "";
    /// <summary>One "Name: value" a line.</summary>
    public string Headers { get; set; } = "";
    public string DelayMs { get; set; } = "0";
    public string DelayMaxMs { get; set; } = "";
    public string Probability { get; set; } = "1";
    public string EveryNth { get; set; } = "";
    public string MaxHits { get; set; } = "";
    /// <summary>ISO 8601, empty for never.</summary>
    public string ActiveUntil { get; set; } = "";

    /// <summary>The editor's "Active for" choices; null: until switched off (no end).</summary>
    public static readonly IReadOnlyList<(string Label, string Key, TimeSpan? Span)> ActiveForChoices =
    [
        ("10 min", "10m", TimeSpan.FromMinutes(10)),
        ("1 h", "1h", TimeSpan.FromHours(1)),
        ("Until I switch it off", "off", null),
    ];

    /// <summary>Sets the end to <paramref name="now"/> plus the span, or no end (null).</summary>
    public void ActiveFor(TimeSpan? span, DateTimeOffset now) =>
        ActiveUntil = span is { } s ? (now + s).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// The end as the editor's date-time picker shows it: UTC (as every time in the console), to the minute; the text
    /// form <see cref="ActiveUntil"/> is what is parsed and validated. Null when empty or not a time.
    /// </summary>
    public DateTime? ActiveUntilUtc
    {
        get => DateTimeOffset.TryParse(ActiveUntil, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime : null;
        set => ActiveUntil = value is { } v
            ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : "";
    }
    public int? Order { get; set; }

    public static RuleForm From(RuleDefinition rule)
    {
        var m = rule.Match;
        var a = rule.Answer;
        var l = rule.Limits;
        return new RuleForm
        {
            Name = rule.Name,
            Enabled = rule.Enabled,
            Order = rule.Order,
            Methods = string.Join(", ", m.Methods),
            AppKey = m.AppKey ?? "",
            StreamName = m.StreamName ?? "",
            Statuses = string.Join(", ", m.Statuses),
            SessionId = m.SessionId ?? "",
            Fields = m.Fields.Select(f => new FieldRow { Path = f.Path, Op = f.Op, Value = f.Value ?? "" }).ToList(),
            Status = a.Status.ToString(CultureInfo.InvariantCulture),
            BodyMode = BodyModes.Name(a.Body.Mode),
            BodyJson = a.Body.Json is { } j ? JsonSerializer.Serialize(j, new JsonSerializerOptions { WriteIndented = true }) : "",
            Headers = string.Join("\n", a.Headers.Select(h => $"{h.Key}: {h.Value}")),
            DelayMs = a.DelayMs.ToString(CultureInfo.InvariantCulture),
            DelayMaxMs = a.DelayMaxMs?.ToString(CultureInfo.InvariantCulture) ?? "",
            Probability = l.Probability.ToString(CultureInfo.InvariantCulture),
            EveryNth = l.EveryNth?.ToString(CultureInfo.InvariantCulture) ?? "",
            MaxHits = l.MaxHits?.ToString(CultureInfo.InvariantCulture) ?? "",
            ActiveUntil = l.ActiveUntil?.ToString("O", CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <summary>The input, and the inputs that could not even be read (not numbers, not JSON, not times).</summary>
    public (RuleInput Rule, Dictionary<string, string[]> Errors) ToInput()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var status = Int("answer.status", Status, 403, errors);
        JsonElement? json = null;
        if (BodyMode is BodyModes.Overrides or BodyModes.Custom && !string.IsNullOrWhiteSpace(BodyJson))
        {
            try { json = JsonDocument.Parse(BodyJson).RootElement.Clone(); }
            catch (JsonException ex) { errors["answer.body.json"] = [$"The body is not JSON: {ex.Message}"]; }
        }
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Headers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) { errors["answer.headers"] = [$"'{line}' is not 'Name: value'."]; continue; }
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        double probability = 1;
        if (!string.IsNullOrWhiteSpace(Probability) &&
            !double.TryParse(Probability, NumberStyles.Float, CultureInfo.InvariantCulture, out probability))
            errors["limits.probability"] = [$"'{Probability}' is not a number from 0 to 1."];
        DateTimeOffset? until = null;
        if (!string.IsNullOrWhiteSpace(ActiveUntil))
        {
            if (DateTimeOffset.TryParse(ActiveUntil, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) until = t;
            else errors["limits.activeUntil"] = [$"'{ActiveUntil}' is not an ISO 8601 time (e.g. 2026-11-26T18:00:00Z)."];
        }
        var rule = new RuleInput
        {
            Name = Name,
            Enabled = Enabled,
            Order = Order,
            Match = new RuleMatchInput
            {
                Methods = List(Methods),
                AppKey = Blank(AppKey),
                StreamName = Blank(StreamName),
                Statuses = List(Statuses),
                SessionId = Blank(SessionId),
                Fields = Fields.Select(f => new FieldConditionInput { Path = f.Path.Trim(), Op = f.Op, Value = FieldOps.NeedsValue(f.Op) ? f.Value : null }).ToList(),
            },
            Answer = new RuleAnswerInput
            {
                Status = status,
                Body = new AnswerBodyInput { Mode = BodyMode, Json = json },
                Headers = headers,
                DelayMs = Int("answer.delayMs", DelayMs, 0, errors),
                DelayMaxMs = string.IsNullOrWhiteSpace(DelayMaxMs) ? null : Int("answer.delayMaxMs", DelayMaxMs, 0, errors),
            },
            Limits = new RuleLimitsInput
            {
                Probability = probability,
                EveryNth = string.IsNullOrWhiteSpace(EveryNth) ? null : Int("limits.everyNth", EveryNth, 1, errors),
                MaxHits = string.IsNullOrWhiteSpace(MaxHits) ? null : Int("limits.maxHits", MaxHits, 1, errors),
                ActiveUntil = until,
            },
        };
        return (rule, errors);
    }

    /// <summary>Parse errors first, then the validator's, merged by key.</summary>
    /// <param name="options">The limits in force (a configured body limit); null: the defaults.</param>
    public Dictionary<string, string[]> Validate(RuleOptions? options = null)
    {
        var (rule, errors) = ToInput();
        foreach (var (key, messages) in RuleValidator.Validate(rule, options))
            if (!errors.ContainsKey(key)) errors[key] = messages;
        return errors;
    }

    /// <summary>The largest delay the rule can apply (for the 15 s warning).</summary>
    public int MaxDelay => Math.Max(ParseOr(DelayMs), ParseOr(DelayMaxMs));

    private static int ParseOr(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static int Int(string key, string text, int fallback, Dictionary<string, string[]> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        errors[key] = [$"'{text}' is not a whole number."];
        return fallback;
    }

    /// <summary>The items of a comma-, space- or line-separated input, each once.</summary>
    public static List<string> SplitList(string text) => List(text);

    private static List<string> List(string text) =>
        text.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
