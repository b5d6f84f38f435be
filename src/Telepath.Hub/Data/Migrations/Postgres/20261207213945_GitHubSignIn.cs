using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telepath.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GitHubSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GitHubOrganization",
                table: "Organisations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GitHubAccounts",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    GitHubUserId = table.Column<long>(type: "bigint", nullable: false),
                    Login = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    MembershipsCheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GitHubAccounts", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_GitHubAccounts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_GitHubOrganization",
                table: "Organisations",
                column: "GitHubOrganization",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GitHubAccounts_GitHubUserId",
                table: "GitHubAccounts",
                column: "GitHubUserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GitHubAccounts");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_GitHubOrganization",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "GitHubOrganization",
                table: "Organisations");
        }
    }
}
