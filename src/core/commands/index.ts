/**
 * Every command, in the order help lists them. Adding a command = one module
 * plus one line here.
 */
import type { CommandDef } from "./define.js";
import { helpCommand } from "./help.js";
import projectCreate from "./project/create.js";
import projectShow from "./project/show.js";
import projectList from "./project/list.js";
import projectLink from "./project/link.js";
import projectAlerts from "./project/alerts.js";
import projectCharter from "./project/charter.js";
import projectCharterShow from "./project/charter-show.js";
import projectCharterApprove from "./project/charter-approve.js";
import projectClose from "./project/close.js";
import projectReopen from "./project/reopen.js";
import projectRole from "./project/role.js";
import projectRoles from "./project/roles.js";
import taskAdd from "./task/add.js";
import taskList from "./task/list.js";
import taskDone from "./task/done.js";
import taskStart from "./task/start.js";
import taskAssign from "./task/assign.js";
import taskDue from "./task/due.js";
import costAdd from "./cost/add.js";
import costList from "./cost/list.js";
import costEdit from "./cost/edit.js";
import costDelete from "./cost/delete.js";
import budget from "./budget/budget.js";
import riskAdd from "./risk/add.js";
import riskList from "./risk/list.js";
import riskShow from "./risk/show.js";
import riskUpdate from "./risk/update.js";
import riskClose from "./risk/close.js";
import riskMatrix from "./risk/matrix.js";
import milestoneAdd from "./milestone/add.js";
import milestoneDone from "./milestone/done.js";
import milestoneList from "./milestone/list.js";
import kpiAdd from "./kpi/add.js";
import kpiRecord from "./kpi/record.js";
import kpiList from "./kpi/list.js";
import kpiShow from "./kpi/show.js";
import resourceAllocate from "./resource/allocate.js";
import resourceList from "./resource/list.js";
import stakeholderAdd from "./stakeholder/add.js";
import stakeholderList from "./stakeholder/list.js";
import stakeholderRemove from "./stakeholder/remove.js";
import standupSetup from "./standup/setup.js";
import standupSkip from "./standup/skip.js";
import standupNow from "./standup/now.js";
import standupAnswer from "./standup/answer.js";
import standupReport from "./standup/report.js";
import standupStop from "./standup/stop.js";
import report from "./report/report.js";
import reportSchedule from "./report/schedule.js";
import reportEvm from "./report/evm.js";
import reportChart from "./report/chart.js";
import reportExport from "./report/export.js";
import changeRequest from "./change/request.js";
import changeApprove from "./change/approve.js";
import changeReject from "./change/reject.js";
import changeAsk from "./change/ask.js";
import changeList from "./change/list.js";
import changeShow from "./change/show.js";
import changePolicy from "./change/policy.js";
import me from "./me/show.js";
import meQuiet from "./me/quiet.js";

export const commands: readonly CommandDef[] = [
  helpCommand(() => commands),
  projectCreate,
  projectShow,
  projectList,
  projectLink,
  projectAlerts,
  projectCharter,
  projectCharterShow,
  projectCharterApprove,
  projectClose,
  projectReopen,
  projectRole,
  projectRoles,
  taskAdd,
  taskList,
  taskDone,
  taskStart,
  taskAssign,
  taskDue,
  costAdd,
  costList,
  costEdit,
  costDelete,
  budget,
  riskAdd,
  riskList,
  riskShow,
  riskUpdate,
  riskClose,
  riskMatrix,
  milestoneAdd,
  milestoneDone,
  milestoneList,
  kpiAdd,
  kpiRecord,
  kpiList,
  kpiShow,
  resourceAllocate,
  resourceList,
  stakeholderAdd,
  stakeholderList,
  stakeholderRemove,
  standupSetup,
  standupSkip,
  standupNow,
  standupAnswer,
  standupReport,
  standupStop,
  report,
  reportSchedule,
  reportEvm,
  reportChart,
  reportExport,
  changeRequest,
  changeApprove,
  changeReject,
  changeAsk,
  changeList,
  changeShow,
  changePolicy,
  me,
  meQuiet,
];
