//! The one list of operations. Every front door and the TypeScript bindings come from
//! it; an operation not named here cannot be called at all.
//!
//! `read` operations change nothing in the register; `write` ones change it in one
//! transaction each, and over the network carry an idempotency key; `session` ones log
//! the caller in or out; `local` ones concern this PC only and are never forwarded to a
//! host.

use chrono::NaiveDate;

use crate::ops::backups::RestoreRequest;
use crate::ops::checks::{CheckSheetsPrintRequest, PeriodicSummaryPrintRequest, RoundPrintRequest};
use crate::ops::diagnostics::DiagnosticsRequest;
use crate::ops::disposal::{DisposalPrintRequest, DisposalWriteOff};
use crate::ops::loans::LoanExportRequest;
use crate::ops::manual::{
    AcknowledgementSheetRequest, ItaPack, ItaPackRequest, ManualPrintRequest, PackProgress,
};
use crate::ops::material_reports::{
    MaterialLabelRequest, MovementsRequest, RequisitionExportRequest,
};
use crate::ops::materials::{
    BalancesRequest, CountSheetsPrintRequest, MaterialImportRequest, StockCardPrintRequest,
    StockCardQuery,
};
use crate::ops::network::HostStatus;
use crate::ops::office::{Connection, FoundOfficeHost, HostCandidate, Pairing};
use crate::ops::printing::{
    AssetListPrintRequest, AssetSheetPrintRequest, CalibrationPrintRequest,
    CategorySheetsPrintRequest, FollowUpPrintRequest, LabelPrintRequest, LoanPrintRequest,
    LoanRegisterPrintRequest,
};
use crate::ops::register_io::{ExportRequest, RefusedRowsSave, SavedFile};
use crate::ops::requisitions::RequisitionPrintRequest;
use crate::ops::session::AppStatus;
use phatsadu_core::assets::{
    Asset, AssetDetail, AssetPage, AssetQuery, AssetUpdate, Category, CategoryInput,
    CategoryUpdate, CodeRequest, NewAssets, NewPhoto, PhotoInfo, PhotoRequest, RegisterSettings,
    RegisterSummary, SearchSynonym, StatusChange, Transfer,
};
use phatsadu_core::audit::{AuditPage, AuditQuery, AuditVerification};
use phatsadu_core::auth::{
    ChangePasswordInput, LoginInput, NewUserInput, ResetPasswordInput, SessionInfo, User,
    UserUpdate,
};
use phatsadu_core::backup::{BackupRun, BackupSettings, BackupStatus, RestoreReport};
use phatsadu_core::checks::schedule::{CheckDashboard, CheckSettings, DivisionSchedule};
use phatsadu_core::checks::{
    AnnualProposal, AnnualReport, ApplyProposals, AssetCheck, CheckLine, CheckRound, CloseRound,
    CodeListInput, CodeListReport, Dismissal, LineCount, LinePage, LineQuery, PeriodicSummary,
    Proposal, RegisterFound, RoundInput, RoundListQuery, RoundSummary, RoundUpdate, ScanEntry,
    ScanInput, ScanListQuery, ScanRef, ScanResult, Unexpected, UnexpectedInput,
};
use phatsadu_core::disposal::{
    Disposal, DisposalDecision, DisposalInput, DisposalQuery, DisposalResult, DisposalRow,
    FactFinding, FactFindingCommittee, FactFindingConclusion, FactFindingInput, FactFindingWaiver,
    NoticeSent,
};
use phatsadu_core::ids::{AssetId, BatchId, DelegationId, LoanId, PhotoId, RoundId};
use phatsadu_core::ids::{DisposalId, FactFindingId};
use phatsadu_core::ids::{MaterialEntryId, MaterialId, MaterialRequisitionId};
use phatsadu_core::import::{
    DryRun, ImportBatch, ImportCheck, ImportReport, ImportRequest, ImportSource, Inspection,
};
use phatsadu_core::loans::{
    Cancellation, CompensationCase, CompensationDecision, Dashboard, Decision, Delegation,
    DelegationInput, FollowUpInput, HandOut, InboxItem, ItemCheck, ItemVerdict, Loan, LoanQuery,
    LoanRequest, LoanRow, LoanSettings, LoanStep, LoanUpdate, OverdueLoan, Return, UserChoice,
    Withdrawal,
};
use phatsadu_core::manual::{Acknowledgements, ManualVersion, ManualView, PaperAcknowledgements};
use phatsadu_core::materials::count::{
    MaterialCount, MaterialCountInput, MaterialCountLine, MaterialCountStart,
};
use phatsadu_core::materials::import::MaterialImportReport;
use phatsadu_core::materials::lending::{MaterialLoan, MaterialLoanInput, MaterialLoanReturn};
use phatsadu_core::materials::movements::{MovementQuery, MovementSummary};
use phatsadu_core::materials::requisitions::{
    Requisition, RequisitionApproval, RequisitionCancel, RequisitionClose, RequisitionInput,
    RequisitionIssue, RequisitionQuery, RequisitionRow, RequisitionSignature, RequisitionView,
};
use phatsadu_core::materials::{
    Adjustment, AdjustmentEntry, IssuedLine, Material, MaterialBalance, MaterialInput,
    MaterialQuery, MaterialType, MaterialUpdate, OpeningBalance, PaperIssue, Receipt, ReceiptInput,
    StockCard,
};
use phatsadu_core::network::{NetworkSession, NetworkSettings};
use phatsadu_core::org::{
    Division, DivisionInput, DivisionUpdate, Location, LocationInput, LocationQuery,
    LocationUpdate, LogoInfo, NewLogo, Organisation, OrganisationInput, Person, PersonInput,
    PersonUpdate, StaffQuery,
};
use phatsadu_core::print_settings::{LabelStock, PrintSettings};
use phatsadu_core::settings::AppSettings;
use phatsadu_core::setup::SetupInput;

operations! {
    read app_status() -> AppStatus = session::app_status;
    write complete_setup(SetupInput) -> SessionInfo = session::complete_setup;
    session login(LoginInput) -> SessionInfo = session::login;
    session logout() -> () = session::logout;
    read current_session() -> Option<SessionInfo> = session::current_session;
    write change_password(ChangePasswordInput) -> () = session::change_password;
    read get_organisation() -> Organisation = organisation::get_organisation;
    write update_organisation(OrganisationInput) -> Organisation = organisation::update_organisation;
    read get_logo() -> Option<LogoInfo> = organisation::get_logo;
    read logo_data_url() -> Option<String> = organisation::logo_data_url;
    write set_logo(NewLogo) -> LogoInfo = organisation::set_logo;
    write remove_logo() -> () = organisation::remove_logo;
    read get_settings() -> AppSettings = organisation::get_settings;
    write update_settings(AppSettings) -> AppSettings = organisation::update_settings;
    read list_divisions() -> Vec<Division> = structure::list_divisions;
    write create_division(DivisionInput) -> Division = structure::create_division;
    write update_division(DivisionUpdate) -> Division = structure::update_division;
    read list_locations(LocationQuery) -> Vec<Location> = structure::list_locations;
    write create_location(LocationInput) -> Location = structure::create_location;
    write update_location(LocationUpdate) -> Location = structure::update_location;
    read list_staff(StaffQuery) -> Vec<Person> = staff::list_staff;
    write create_person(PersonInput) -> Person = staff::create_person;
    write update_person(PersonUpdate) -> Person = staff::update_person;
    read list_users() -> Vec<User> = users::list_users;
    write create_user(NewUserInput) -> User = users::create_user;
    write update_user(UserUpdate) -> User = users::update_user;
    write reset_password(ResetPasswordInput) -> () = users::reset_password;
    local find_office_host(String) -> HostCandidate = office::find_office_host;
    local find_office_hosts() -> Vec<FoundOfficeHost> = office::find_office_hosts;
    local pair_office_host(Pairing) -> Connection = office::pair_office_host;
    local forget_office_host() -> Connection = office::forget_office_host;
    local office_connection() -> Connection = office::office_connection;
    read network_settings() -> NetworkSettings = network::network_settings;
    read host_status() -> HostStatus = network::host_status;
    write update_network_settings(NetworkSettings) -> HostStatus = network::update_network_settings;
    read list_network_sessions() -> Vec<NetworkSession> = network::list_network_sessions;
    write revoke_network_session(i64) -> () = network::revoke_network_session;
    read list_audit(AuditQuery) -> AuditPage = audit::list_audit;
    read verify_audit() -> AuditVerification = audit::verify_audit;
    read backup_status() -> BackupStatus = backups::backup_status;
    write back_up_now() -> BackupRun = backups::back_up_now;
    write update_backup_settings(BackupSettings) -> BackupSettings = backups::update_backup_settings;
    write restore_backup(RestoreRequest) -> RestoreReport = backups::restore_backup;
    read save_diagnostics(DiagnosticsRequest) -> SavedFile = diagnostics::save_diagnostics;
    read list_categories() -> Vec<Category> = assets::list_categories;
    write create_category(CategoryInput) -> Category = assets::create_category;
    write update_category(CategoryUpdate) -> Category = assets::update_category;
    read get_register_settings() -> RegisterSettings = assets::get_register_settings;
    write update_register_settings(RegisterSettings) -> RegisterSettings = assets::update_register_settings;
    read list_search_synonyms() -> Vec<SearchSynonym> = assets::list_search_synonyms;
    write update_search_synonyms(Vec<SearchSynonym>) -> Vec<SearchSynonym> = assets::update_search_synonyms;
    read register_summary() -> RegisterSummary = assets::register_summary;
    read list_assets(AssetQuery) -> AssetPage = assets::list_assets;
    read asset_detail(AssetId) -> AssetDetail = assets::asset_detail;
    write create_assets(NewAssets) -> Vec<Asset> = assets::create_assets;
    write update_asset(AssetUpdate) -> Asset = assets::update_asset;
    write change_asset_status(StatusChange) -> Asset = assets::change_asset_status;
    write transfer_assets(Transfer) -> Vec<Asset> = assets::transfer_assets;
    read next_asset_code(CodeRequest) -> String = assets::next_asset_code;
    write add_photo(NewPhoto) -> PhotoInfo = assets::add_photo;
    write remove_photo(PhotoId) -> () = assets::remove_photo;
    read photo_data_url(PhotoRequest) -> String = assets::photo_data_url;
    read import_inspect(ImportSource) -> Inspection = register_io::import_inspect;
    read import_dry_run(ImportCheck) -> DryRun = register_io::import_dry_run;
    write import_commit(ImportRequest) -> ImportReport = register_io::import_commit;
    read list_import_batches() -> Vec<ImportBatch> = register_io::list_import_batches;
    write undo_import(BatchId) -> u32 = register_io::undo_import;
    read export_assets(ExportRequest) -> SavedFile = register_io::export_assets;
    read save_refused_rows(RefusedRowsSave) -> SavedFile = register_io::save_refused_rows;
    read default_folder() -> String = register_io::default_folder;
    read open_path(String) -> () = register_io::open_path;
    write create_loan(LoanRequest) -> Loan = loans::create_loan;
    write update_loan(LoanUpdate) -> Loan = loans::update_loan;
    write submit_loan(LoanId) -> Loan = loans::submit_loan;
    write cancel_loan(Cancellation) -> Loan = loans::cancel_loan;
    write decide_loan(Decision) -> Loan = loans::decide_loan;
    write hand_out(HandOut) -> Loan = loans::hand_out;
    write return_items(Return) -> Loan = loans::return_items;
    write withdraw_items(Withdrawal) -> Loan = loans::withdraw_items;
    write record_follow_up(FollowUpInput) -> Loan = loans::record_follow_up;
    write decide_compensation(CompensationDecision) -> CompensationCase = loans::decide_compensation;
    read open_compensation_cases() -> Vec<CompensationCase> = loans::open_compensation_cases;
    read list_loans(LoanQuery) -> Vec<LoanRow> = loans::list_loans;
    read loan_detail(LoanId) -> Loan = loans::loan_detail;
    read loan_steps(LoanId) -> Vec<LoanStep> = loans::loan_steps;
    read check_loan_items(ItemCheck) -> Vec<ItemVerdict> = loans::check_loan_items;
    read approval_inbox() -> Vec<InboxItem> = loans::approval_inbox;
    read dashboard() -> Dashboard = loans::dashboard;
    read overdue_loans() -> Vec<OverdueLoan> = loans::overdue_loans;
    read list_delegations() -> Vec<Delegation> = loans::list_delegations;
    read delegation_candidates() -> Vec<UserChoice> = loans::delegation_candidates;
    write create_delegation(DelegationInput) -> Delegation = loans::create_delegation;
    write revoke_delegation(DelegationId) -> Delegation = loans::revoke_delegation;
    read get_loan_settings() -> LoanSettings = loans::get_loan_settings;
    write update_loan_settings(LoanSettings) -> LoanSettings = loans::update_loan_settings;
    read export_loans(LoanExportRequest) -> SavedFile = loans::export_loans;
    read print_loan_slip(LoanPrintRequest) -> SavedFile = printing::print_loan_slip;
    read print_follow_up_letter(FollowUpPrintRequest) -> SavedFile = printing::print_follow_up_letter;
    read print_asset_register_sheet(AssetSheetPrintRequest) -> SavedFile = printing::print_asset_register_sheet;
    read print_category_register_sheets(CategorySheetsPrintRequest) -> SavedFile = printing::print_category_register_sheets;
    read print_asset_labels(LabelPrintRequest) -> SavedFile = printing::print_asset_labels;
    read print_label_calibration(CalibrationPrintRequest) -> SavedFile = printing::print_label_calibration;
    read print_asset_list(AssetListPrintRequest) -> SavedFile = printing::print_asset_list;
    read print_loan_register(LoanRegisterPrintRequest) -> SavedFile = printing::print_loan_register;
    read get_print_settings() -> PrintSettings = printing::get_print_settings;
    write update_print_settings(PrintSettings) -> PrintSettings = printing::update_print_settings;
    read label_presets() -> Vec<LabelStock> = printing::label_presets;
    read propose_annual_round(i32) -> AnnualProposal = checks::propose_annual_round;
    write create_round(RoundInput) -> CheckRound = checks::create_round;
    write update_round(RoundUpdate) -> CheckRound = checks::update_round;
    write open_round(RoundId) -> CheckRound = checks::open_round;
    write cancel_round(RoundId) -> () = checks::cancel_round;
    read list_rounds(RoundListQuery) -> Vec<CheckRound> = checks::list_rounds;
    read check_round(RoundId) -> CheckRound = checks::check_round;
    read round_lines(LineQuery) -> LinePage = checks::round_lines;
    read round_summary(RoundId) -> RoundSummary = checks::round_summary;
    read recent_scans(ScanListQuery) -> Vec<ScanEntry> = checks::recent_scans;
    write scan(ScanInput) -> ScanResult = checks::scan;
    write undo_scan(ScanRef) -> () = checks::undo_scan;
    write record_count(LineCount) -> CheckLine = checks::record_count;
    write add_unexpected(UnexpectedInput) -> Unexpected = checks::add_unexpected;
    write load_code_list(CodeListInput) -> CodeListReport = checks::load_code_list;
    write close_round(CloseRound) -> CheckRound = checks::close_round;
    read round_proposals(RoundId) -> Vec<Proposal> = checks::round_proposals;
    write apply_proposals(ApplyProposals) -> u32 = checks::apply_proposals;
    write dismiss_proposal(Dismissal) -> Proposal = checks::dismiss_proposal;
    write register_found(RegisterFound) -> Asset = checks::register_found;
    read asset_checks(AssetId) -> Vec<AssetCheck> = checks::asset_checks;
    read check_dashboard() -> CheckDashboard = checks::check_dashboard;
    read check_schedule(i32) -> Vec<DivisionSchedule> = checks::check_schedule;
    read get_check_settings() -> CheckSettings = checks::get_check_settings;
    write update_check_settings(CheckSettings) -> CheckSettings = checks::update_check_settings;
    read check_report(RoundId) -> AnnualReport = checks::check_report;
    read periodic_summary(i32) -> PeriodicSummary = checks::periodic_summary;
    read print_check_sheets(CheckSheetsPrintRequest) -> Vec<SavedFile> = checks::print_check_sheets;
    read print_check_report(RoundPrintRequest) -> SavedFile = checks::print_check_report;
    read export_check_report(RoundPrintRequest) -> SavedFile = checks::export_check_report;
    read print_appointment_order(RoundPrintRequest) -> SavedFile = checks::print_appointment_order;
    read print_periodic_summary(PeriodicSummaryPrintRequest) -> SavedFile = checks::print_periodic_summary;
    read list_material_types() -> Vec<MaterialType> = materials::list_material_types;
    write create_material_type(String) -> MaterialType = materials::create_material_type;
    read list_materials(MaterialQuery) -> Vec<Material> = materials::list_materials;
    read material(MaterialId) -> Material = materials::material;
    write create_material(MaterialInput) -> Material = materials::create_material;
    write update_material(MaterialUpdate) -> Material = materials::update_material;
    write receive_materials(ReceiptInput) -> Receipt = materials::receive_materials;
    write record_opening_balance(OpeningBalance) -> MaterialEntryId = materials::record_opening_balance;
    write adjust_material(Adjustment) -> AdjustmentEntry = materials::adjust_material;
    write issue_paper_requisition(PaperIssue) -> Vec<IssuedLine> = materials::issue_paper_requisition;
    read stock_card(StockCardQuery) -> StockCard = materials::stock_card;
    read material_balances(NaiveDate) -> Vec<MaterialBalance> = materials::material_balances;
    read materials_closed_through() -> Option<NaiveDate> = materials::materials_closed_through;
    write close_materials_period(NaiveDate) -> NaiveDate = materials::close_materials_period;
    write create_requisition(RequisitionInput) -> Requisition = requisitions::create_requisition;
    write endorse_requisition(RequisitionSignature) -> Requisition = requisitions::endorse_requisition;
    write approve_requisition(RequisitionApproval) -> Requisition = requisitions::approve_requisition;
    write issue_requisition(RequisitionIssue) -> Requisition = requisitions::issue_requisition;
    write close_requisition(RequisitionClose) -> Requisition = requisitions::close_requisition;
    write cancel_requisition(RequisitionCancel) -> Requisition = requisitions::cancel_requisition;
    read requisition(MaterialRequisitionId) -> RequisitionView = requisitions::requisition;
    read list_requisitions(RequisitionQuery) -> Vec<RequisitionRow> = requisitions::list_requisitions;
    read print_requisition_slip(RequisitionPrintRequest) -> SavedFile = requisitions::print_requisition_slip;
    read print_stock_cards(StockCardPrintRequest) -> SavedFile = materials::print_stock_cards;
    read print_material_balances(BalancesRequest) -> SavedFile = materials::print_material_balances;
    read export_material_balances(BalancesRequest) -> SavedFile = materials::export_material_balances;
    write import_materials(MaterialImportRequest) -> MaterialImportReport = materials::import_materials;
    write lend_materials(MaterialLoanInput) -> MaterialLoan = materials::lend_materials;
    write return_lent_materials(MaterialLoanReturn) -> MaterialLoan = materials::return_lent_materials;
    write start_material_count(MaterialCountStart) -> MaterialCount = materials::start_material_count;
    write count_material(MaterialCountInput) -> MaterialCountLine = materials::count_material;
    read material_count(RoundId) -> Option<MaterialCount> = materials::material_count;
    write apply_material_count(RoundId) -> u32 = materials::apply_material_count;
    read print_material_count_sheets(CountSheetsPrintRequest) -> SavedFile = materials::print_material_count_sheets;
    read material_movements(MovementQuery) -> MovementSummary = material_reports::material_movements;
    read print_material_movements(MovementsRequest) -> SavedFile = material_reports::print_material_movements;
    read export_material_movements(MovementsRequest) -> SavedFile = material_reports::export_material_movements;
    read export_requisitions(RequisitionExportRequest) -> SavedFile = material_reports::export_requisitions;
    read list_material_loans(bool) -> Vec<MaterialLoan> = material_reports::list_material_loans;
    read print_material_labels(MaterialLabelRequest) -> SavedFile = material_reports::print_material_labels;
    read list_disposals(DisposalQuery) -> Vec<DisposalRow> = disposal::list_disposals;
    read disposal(DisposalId) -> Disposal = disposal::disposal;
    write propose_disposal(DisposalInput) -> Disposal = disposal::propose_disposal;
    write decide_disposal(DisposalDecision) -> Disposal = disposal::decide_disposal;
    write record_disposal_result(DisposalResult) -> Disposal = disposal::record_disposal_result;
    write write_off_disposal(DisposalWriteOff) -> Disposal = disposal::write_off_disposal;
    write record_disposal_notice(NoticeSent) -> Disposal = disposal::record_disposal_notice;
    read print_disposal_document(DisposalPrintRequest) -> SavedFile = disposal::print_disposal_document;
    read print_public_notice(RoundPrintRequest) -> SavedFile = disposal::print_public_notice;
    read list_fact_findings(bool) -> Vec<FactFinding> = disposal::list_fact_findings;
    read fact_finding(FactFindingId) -> FactFinding = disposal::fact_finding;
    write open_fact_finding(FactFindingInput) -> FactFinding = disposal::open_fact_finding;
    write appoint_fact_finding_committee(FactFindingCommittee) -> FactFinding = disposal::appoint_fact_finding_committee;
    write waive_fact_finding(FactFindingWaiver) -> FactFinding = disposal::waive_fact_finding;
    write conclude_fact_finding(FactFindingConclusion) -> FactFinding = disposal::conclude_fact_finding;
    read manual() -> ManualView = manual::manual;
    write issue_manual() -> ManualVersion = manual::issue_manual;
    write acknowledge_manual() -> NaiveDate = manual::acknowledge_manual;
    write record_paper_acknowledgements(PaperAcknowledgements) -> u32 = manual::record_paper_acknowledgements;
    read manual_acknowledgements() -> Acknowledgements = manual::manual_acknowledgements;
    read print_manual(ManualPrintRequest) -> SavedFile = manual::print_manual;
    read print_acknowledgement_sheet(AcknowledgementSheetRequest) -> SavedFile = manual::print_acknowledgement_sheet;
    read make_ita_pack(ItaPackRequest) -> ItaPack = manual::make_ita_pack;
    read ita_pack_progress(String) -> Option<PackProgress> = manual::ita_pack_progress;
}
