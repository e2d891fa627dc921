using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Auth;

public enum SignInOutcome { Success, Invalid, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, string? UserName = null, string? Role = null);

public sealed record UserItem(long Id, string UserName, string Role, bool LockedOut, DateTimeOffset CreatedAt);

/// <summary>
/// Console users: password checks with lockout per client address, and the admin commands of the Settings page. Passwords are hashed
/// by ASP.NET Core Identity's PasswordHasher (PBKDF2, versioned format, rehash on upgrade).
/// </summary>
public sealed class UserAccounts(
    IDbContextFactory<PortalDbContext> contexts,
    IOptions<AuthOptions> options,
    IOptions<AdminOptions> admin,
    TimeProvider time,
    LoginThrottle throttle,
    IPasswordHasher<PortalUser> hasher,
    ILogger<UserAccounts> logger,
    ConfigChangeNotifier? notifier = null)
{
    public const string InitialAdmin = "admin";
    private static readonly TimeSpan RoleCacheTime = TimeSpan.FromSeconds(30);
    private readonly IPasswordHasher<PortalUser> _hasher = hasher;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Role, long AtMs)> _roles = new(StringComparer.Ordinal);

    /// <summary>
    /// The current role of a user (null: no such user), cached briefly so that checking every cookie request
    /// costs a database read at most every 30 s per user; edits here clear the cache at once.
    /// </summary>
    public async Task<string?> CurrentRoleAsync(string userName, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_roles.TryGetValue(userName, out var cached) && now - cached.AtMs < RoleCacheTime.TotalMilliseconds) return cached.Role;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var role = await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.Role).FirstOrDefaultAsync(ct);
        _roles[userName] = (role, now);
        return role;
    }

    /// <summary>Drops a user's cached role (changed on another instance of a cluster): the next request reads it again.</summary>
    public void ForgetRole(string userName) => _roles.TryRemove(userName, out _);

    /// <summary>Drops every cached role (a cluster instance reloading everything).</summary>
    public void ForgetAllRoles() => _roles.Clear();

    /// <summary>The client of checks that do not come from the login form (a signed-in user changing their password).</summary>
    public const string ConsoleClient = "console";

    /// <summary>
    /// Checks a password. Unknown names, locked (name, client) pairs and wrong passwords all cost one password hash
    /// and one user lookup, so timing tells none of them apart; lockouts are per client address (<see cref="LoginThrottle"/>).
    /// </summary>
    public async Task<SignInResult> CheckPasswordAsync(string userName, string password, CancellationToken ct) =>
        await CheckPasswordAsync(userName, password, ConsoleClient, ct);

    public async Task<SignInResult> CheckPasswordAsync(string userName, string password, string client, CancellationToken ct)
    {
        userName = userName.Trim();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        var locked = throttle.IsLocked(userName, client);
        var verdict = _hasher.VerifyHashedPassword(user ?? new PortalUser(), user?.PasswordHash ?? DummyHash, password);
        if (locked) return new SignInResult(SignInOutcome.LockedOut);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            if (!throttle.RecordFailure(userName, client)) return new SignInResult(SignInOutcome.Invalid);
            notifier?.Notify(ConfigTopic.UserLockedOut, userName, client);
            logger.LogWarning("Sign-in as {User} from {Client} locked for {Minutes} minutes after repeated wrong passwords.",
                userName, client, options.Value.LockoutMinutes);
            return new SignInResult(SignInOutcome.LockedOut);
        }
        throttle.RecordSuccess(userName, client);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = _hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }
        return new SignInResult(SignInOutcome.Success, user.UserName, user.Role);
    }

    public async Task<IReadOnlyList<UserItem>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        return users.Select(u => new UserItem(u.Id, u.UserName, u.Role, throttle.IsLockedAnywhere(u.UserName),
            DateTimeOffset.FromUnixTimeMilliseconds(u.CreatedAtMs))).ToList();
    }

    /// <returns>null on success, otherwise what is wrong.</returns>
    public async Task<string?> CreateAsync(string userName, string password, string role, CancellationToken ct)
    {
        userName = userName.Trim();
        if (userName.Length is 0 or > 100) return "The user name must have 1 to 100 characters.";
        if (role is not (PortalRoles.Admin or PortalRoles.Viewer)) return "The role must be admin or viewer.";
        if (PasswordProblem(password) is { } problem) return problem;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(u => u.UserName == userName, ct)) return $"A user named '{userName}' exists already.";
        var user = new PortalUser { UserName = userName, Role = role, CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
        user.PasswordHash = _hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        _roles.TryRemove(userName, out _);
        notifier?.Notify(ConfigTopic.Users, userName);
        return null;
    }

    /// <summary>An admin sets someone's password (also clears a lockout).</summary>
    public async Task<string?> SetPasswordAsync(string userName, string password, CancellationToken ct)
    {
        if (PasswordProblem(password) is { } problem) return problem;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null) return $"No user named '{userName}'.";
        user.PasswordHash = _hasher.HashPassword(user, password);
        await db.SaveChangesAsync(ct);
        throttle.Clear(userName);
        notifier?.Notify(ConfigTopic.UserPasswordSet, userName);
        return null;
    }

    /// <summary>A user changes their own password: the current one must be right.</summary>
    public async Task<string?> ChangeOwnPasswordAsync(string userName, string current, string next, CancellationToken ct)
    {
        var check = await CheckPasswordAsync(userName, current, ct);
        if (check.Outcome == SignInOutcome.LockedOut) return "The account is locked; try again later.";
        if (check.Outcome != SignInOutcome.Success) return "The current password is wrong.";
        return await SetPasswordAsync(userName, next, ct);
    }

    public async Task<string?> DeleteAsync(string userName, string actingUser, CancellationToken ct)
    {
        if (string.Equals(userName, actingUser, StringComparison.Ordinal)) return "You cannot delete yourself.";
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null) return $"No user named '{userName}'.";
        if (user.Role == PortalRoles.Admin && await db.Users.CountAsync(u => u.Role == PortalRoles.Admin, ct) == 1)
            return "The last admin cannot be deleted.";
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        _roles.TryRemove(userName, out _);
        // Its cookies stop working on every instance at their next request, not after the role cache time.
        notifier?.Notify(ConfigTopic.Users, userName);
        return null;
    }

    /// <summary>First start: creates 'admin' with StreamPortal:Admin:Password, or a generated password printed once.</summary>
    public async Task EnsureAdminAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(ct)) return;
        var configured = admin.Value.Password;
        var password = string.IsNullOrEmpty(configured) ? Generate() : configured;
        var user = new PortalUser { UserName = InitialAdmin, Role = PortalRoles.Admin, CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
        user.PasswordHash = _hasher.HashPassword(user, password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Several instances started together on one PostgreSQL database: another one created it first.
            await using var again = await contexts.CreateDbContextAsync(ct);
            if (await again.Users.AnyAsync(ct)) return;
            throw;
        }
        if (string.IsNullOrEmpty(configured))
        {
            var message = $"StreamPortal: created user 'admin' with the generated password {password} (shown once; change it under Settings).";
            logger.LogWarning("{Message}", message);
            Console.WriteLine(message);
        }
    }

    private string? PasswordProblem(string password) =>
        password.Length < options.Value.MinPasswordLength ? $"The password must have at least {options.Value.MinPasswordLength} characters." : null;

    private static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');

    private static readonly string DummyHash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), "not-a-password");
}
