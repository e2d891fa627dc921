using StreamPortal.Hooks;

namespace StreamPortal.Tests.Hooks;

public sealed class ContentTypeTests
{
    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json;charset=UTF-8", true)]
    [InlineData("application/json; charset=\"utf-8\"", true)]
    [InlineData("APPLICATION/JSON", true)]
    [InlineData("application/json; charset=utf-16", false)]
    [InlineData("text/json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("garbage;;;", false)]
    public void Only_json_in_utf8_is_accepted(string? contentType, bool accepted)
    {
        Assert.Equal(accepted, HookHandler.IsJsonContentType(contentType, out var problem));
        Assert.Equal(accepted, problem.Length == 0);
    }
}
