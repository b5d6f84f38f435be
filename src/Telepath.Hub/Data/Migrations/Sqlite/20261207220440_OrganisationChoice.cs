using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telepath.Hub.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganisationChoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestedOrganisation",
                table: "DeviceAuthorizations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CurrentOrganisationId",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequestedOrganisation",
                table: "DeviceAuthorizations");

            migrationBuilder.DropColumn(
                name: "CurrentOrganisationId",
                table: "AspNetUsers");
        }
    }
}
