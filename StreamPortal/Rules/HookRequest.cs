using StreamPortal.Wcs;

namespace StreamPortal.Rules;

/// <summary>What the rule engine sees of one valid hook.</summary>
public sealed record HookRequest(string App, string Method, HookKind Kind, HookFields Fields, ReadOnlyMemory<byte> Body);
