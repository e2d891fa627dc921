using Xunit.Abstractions;
using Xunit.Sdk;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// A test of the store contract: it runs on the store of the class it is run in (SQLite, or PostgreSQL for a class
/// marked <see cref="OnPostgresAttribute"/>). In a PostgreSQL class it is skipped with the fix in the reason when no
/// test server is configured, and run (so failing) when one is required: the rule of [BrowserFact], decided per class
/// because the same method runs in a SQLite and a PostgreSQL class.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("StreamPortal.Tests.Shared.StoreFactDiscoverer", "StreamPortal.Tests")]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>A data-driven test of the store contract; run or skipped per class as <see cref="StoreFactAttribute"/> says.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("StreamPortal.Tests.Shared.StoreTheoryDiscoverer", "StreamPortal.Tests")]
public sealed class StoreTheoryAttribute : TheoryAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _fact = new(diagnostics);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        StoreSkip.Cases(diagnostics, options, testMethod) ?? _fact.Discover(options, testMethod, factAttribute);
}

public sealed class StoreTheoryDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    private readonly TheoryDiscoverer _theory = new(diagnostics);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        StoreSkip.Cases(diagnostics, options, testMethod) ?? _theory.Discover(options, testMethod, theoryAttribute);
}

internal static class StoreSkip
{
    /// <summary>One skipped case for the whole method when its class runs on a PostgreSQL that is not there, else null.</summary>
    public static IEnumerable<IXunitTestCase>? Cases(IMessageSink diagnostics, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod)
    {
        var onPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(OnPostgresAttribute)).Any();
        if (!onPostgres || PostgresServer.SkipReason is not { } reason) return null;
        return [new XunitSkippedDataRowTestCase(diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason)];
    }
}
