using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConnectPolicies",
                columns: table => new
                {
                    AppKey = table.Column<string>(type: "TEXT", nullable: false),
                    RestClientConfigJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectPolicies", x => x.AppKey);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    App = table.Column<string>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    NodeId = table.Column<string>(type: "TEXT", nullable: true),
                    AppKey = table.Column<string>(type: "TEXT", nullable: true),
                    SessionId = table.Column<string>(type: "TEXT", nullable: true),
                    MediaSessionId = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: true),
                    Info = table.Column<string>(type: "TEXT", nullable: true),
                    Published = table.Column<bool>(type: "INTEGER", nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: true),
                    BodyEncoding = table.Column<string>(type: "TEXT", nullable: true),
                    Headers = table.Column<string>(type: "TEXT", nullable: true),
                    RemoteAddress = table.Column<string>(type: "TEXT", nullable: true),
                    AnswerStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswerBody = table.Column<string>(type: "TEXT", nullable: true),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: true),
                    RuleName = table.Column<string>(type: "TEXT", nullable: true),
                    DelayMs = table.Column<int>(type: "INTEGER", nullable: false),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    Rejected = table.Column<bool>(type: "INTEGER", nullable: false),
                    RejectReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    MatchJson = table.Column<string>(type: "TEXT", nullable: false),
                    AnswerJson = table.Column<string>(type: "TEXT", nullable: false),
                    LimitsJson = table.Column<string>(type: "TEXT", nullable: false),
                    HitCount = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHitAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sessions",
                columns: table => new
                {
                    SessionId = table.Column<string>(type: "TEXT", nullable: false),
                    AppKey = table.Column<string>(type: "TEXT", nullable: true),
                    NodeId = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: true),
                    Origin = table.Column<string>(type: "TEXT", nullable: true),
                    ClientVersion = table.Column<string>(type: "TEXT", nullable: true),
                    ClientOsVersion = table.Column<string>(type: "TEXT", nullable: true),
                    ClientBrowserVersion = table.Column<string>(type: "TEXT", nullable: true),
                    MediaProviders = table.Column<string>(type: "TEXT", nullable: true),
                    Custom = table.Column<string>(type: "TEXT", nullable: true),
                    Login = table.Column<string>(type: "TEXT", nullable: true),
                    RestClientConfig = table.Column<string>(type: "TEXT", nullable: true),
                    ConnectedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    DisconnectedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstSeenMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sessions", x => x.SessionId);
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Streams",
                columns: table => new
                {
                    MediaSessionId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    SessionId = table.Column<string>(type: "TEXT", nullable: true),
                    AppKey = table.Column<string>(type: "TEXT", nullable: true),
                    NodeId = table.Column<string>(type: "TEXT", nullable: true),
                    Published = table.Column<bool>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: true),
                    Info = table.Column<string>(type: "TEXT", nullable: true),
                    MediaProvider = table.Column<string>(type: "TEXT", nullable: true),
                    HasAudio = table.Column<bool>(type: "INTEGER", nullable: true),
                    HasVideo = table.Column<bool>(type: "INTEGER", nullable: true),
                    Record = table.Column<bool>(type: "INTEGER", nullable: true),
                    Width = table.Column<int>(type: "INTEGER", nullable: true),
                    Height = table.Column<int>(type: "INTEGER", nullable: true),
                    Bitrate = table.Column<long>(type: "INTEGER", nullable: true),
                    AudioCodec = table.Column<string>(type: "TEXT", nullable: true),
                    VideoCodec = table.Column<string>(type: "TEXT", nullable: true),
                    FirstSeenMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastEventId = table.Column<long>(type: "INTEGER", nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedWithSession = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndedByEventId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Streams", x => x.MediaSessionId);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    FailedLogins = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntilMs = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_KeyHash",
                table: "ApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_AnswerStatus_Not200",
                table: "Events",
                column: "AnswerStatus",
                filter: "AnswerStatus <> 200");

            migrationBuilder.CreateIndex(
                name: "IX_Events_AppKey_Method",
                table: "Events",
                columns: new[] { "AppKey", "Method" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_MediaSessionId",
                table: "Events",
                column: "MediaSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Method",
                table: "Events",
                column: "Method");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Name",
                table: "Events",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ReceivedAtMs",
                table: "Events",
                column: "ReceivedAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Rejected",
                table: "Events",
                column: "Rejected",
                filter: "Rejected");

            migrationBuilder.CreateIndex(
                name: "IX_Events_RuleId",
                table: "Events",
                column: "RuleId",
                filter: "RuleId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Events_SessionId",
                table: "Events",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Status",
                table: "Events",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Rules_Order",
                table: "Rules",
                column: "Order");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_AppKey",
                table: "Sessions",
                column: "AppKey");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_FirstSeenMs",
                table: "Sessions",
                column: "FirstSeenMs");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_Status",
                table: "Sessions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_AppKey",
                table: "Streams",
                column: "AppKey");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_FirstSeenMs",
                table: "Streams",
                column: "FirstSeenMs");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_Name",
                table: "Streams",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_SessionId_Status",
                table: "Streams",
                columns: new[] { "SessionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Streams_Status",
                table: "Streams",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserName",
                table: "Users",
                column: "UserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "ConnectPolicies");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "Rules");

            migrationBuilder.DropTable(
                name: "Sessions");

            migrationBuilder.DropTable(
                name: "Settings");

            migrationBuilder.DropTable(
                name: "Streams");

            migrationBuilder.DropTable(
                name: "Users");
        }
    }
}
