using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeqServe.Jobs.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunSubmitter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "runs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "runs");
        }
    }
}
