"""Benchmark: import a generated 10,000-row volunteer file, export 200,000 service records;
with ``--upload-rows``, also time the upload request of a file with that many rows (stored and
queued, never parsed in the request) and the worker's check that refuses it.

Everything runs inside one transaction that is rolled back at the end, so the database is
left as it was (point DATABASE_URL at a throwaway database to be extra careful). Prints time
and memory: the import's ru_maxrss (the process's peak RSS so far) and, for each export, the
peak RSS while that export ran (a window opened just before it, Linux only).

It lives in the back office because the export is the back office's service-record list export
(its table's export spec); domain apps such as ``imports`` never import an audience app.
"""

import ctypes
import datetime
import gc
import io
import resource
import tempfile
import time

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import reset_queries, transaction
from django.utils import timezone

from apps.activities.models import Activity, OrganizerKind, ServiceRecord
from apps.areas.models import Area, AreaLevel
from apps.imports import services
from apps.volunteers.id_numbers import synthetic_resident_id


class _Rollback(Exception):
    pass


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _release_free_memory():
    """Collect garbage and hand freed heap back to the system (glibc's malloc_trim), so the
    process's RSS shows what is live rather than what the benchmark's own set-up once used
    (with DEBUG on, Django also keeps the set-up's SQL, bulk inserts included)."""
    reset_queries()
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _reset_peak_rss():
    """Start a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def _status_mb(field):
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _peak_rss_mb():
    return _status_mb("VmHWM")


def _current_rss_mb():
    return _status_mb("VmRSS")


class Command(BaseCommand):
    help = "Time and memory of a 10,000-row volunteer import and a 200,000-record export (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--records", type=int, default=200_000)
        parser.add_argument("--upload-rows", type=int, default=0,
                            help="Also upload a CSV file with this many rows (e.g. 3000000), as the upload view does.")

    def handle(self, *args, rows, records, upload_rows, **options):
        try:
            with transaction.atomic():
                self._run(rows, records, upload_rows)
                raise _Rollback
        except _Rollback:
            self.stdout.write("database rolled back: nothing was kept")

    def _say(self, label, seconds):
        self.stdout.write(f"{label:<40} {seconds:7.1f} s   ru_maxrss {_rss_mb():7.1f} MB")

    def _run(self, rows, records, upload_rows=0):
        from apps.accounts.models import User

        city = Area.objects.create(code="990100000000", name="基准市", level=AreaLevel.CITY, code_year=1999)
        street = Area.objects.create(code="990101001000", name="基准街道", level=AreaLevel.STREET, parent=city,
                                     code_year=1999)
        community = Area.objects.create(code="990101001001", name="基准社区", level=AreaLevel.COMMUNITY,
                                        parent=street, code_year=1999)
        actor = User.objects.create_user(username="bench-io-staff", area=street)

        if upload_rows:
            self._upload(upload_rows, actor)
        upload = self._volunteer_file(rows, community.code)
        # Timed without tracemalloc (tracing slows Python down several times); the import's
        # memory is shown by ru_maxrss. The export phase traces its allocations.
        started = time.perf_counter()
        job = services.import_job_create(actor=actor, kind="volunteers", upload=upload)
        job = services.import_check(job=job)
        checked = time.perf_counter()
        self._say(f"import check ({job.total_rows} rows)", checked - started)
        if job.status != "checked":
            self.stderr.write(f"check failed: {job.errors[:3]}")
            return
        job = services.import_commit(job=job)
        done = time.perf_counter()
        self._say(f"import commit ({job.new_rows} new)", done - checked)
        self._say("import total (check + commit)", done - started)
        if job.status != "done":
            self.stderr.write(f"import failed: {job.errors[:3]}")
            return
        if records:  # --records 0: the import alone
            self._export(records, actor, community)

    def _upload(self, rows, actor):
        """What the upload view does with a file of ``rows`` one-cell rows (the request), then the
        worker's check (which counts up to IMPORT_MAX_ROWS and refuses the file)."""
        from ...forms.imports import ImportUploadForm

        data = "姓名\n".encode() + b"x\n" * rows
        started = time.perf_counter()
        form = ImportUploadForm({"kind": "volunteers"}, {"file": SimpleUploadedFile("bench-upload.csv", data)})
        if not form.is_valid():
            self.stderr.write(f"upload refused: {form.errors.as_text()}")
            return
        job = services.import_job_create(actor=actor, kind="volunteers", upload=form.cleaned_data["file"])
        job = services.import_start(job=job, stage="check")
        queued = time.perf_counter()
        self._say(f"upload request ({rows} rows, {len(data) / 2**20:.0f} MB, {job.status})", queued - started)
        job = services.import_check(job=job, attempt=job.attempt)
        self._say(f"worker's check ({job.status} at {settings.IMPORT_MAX_ROWS} rows)", time.perf_counter() - queued)

    def _volunteer_file(self, rows, community_code):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("导入")
        sheet.append(["姓名", "证件号码", "手机号码", "居住社区", "政治面貌"])
        birth = datetime.date(1980, 1, 1)
        for n in range(rows):
            day = birth + datetime.timedelta(days=n // 500)
            sheet.append([f"志愿者{n}", synthetic_resident_id("330106", day, n % 500 * 2 + 1),
                          f"139{n:08d}", community_code, "群众"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return SimpleUploadedFile("bench-volunteers.xlsx", buffer.getvalue())

    def _export(self, records, actor, community):
        from apps.core.export import csv_response, table_rows, xlsx_response
        from apps.volunteers.models import Volunteer

        from ...tables.records import ServiceRecordTable

        volunteers = list(Volunteer.objects.filter(community=community).values_list("pk", flat=True))
        per_activity = len(volunteers)
        activity_count = -(-records // per_activity)
        start = timezone.make_aware(datetime.datetime(2025, 1, 1, 9, 0))
        activities = Activity.objects.bulk_create([
            Activity(name=f"基准活动{i}", organizer_kind=OrganizerKind.COMMUNITY, community=community, place="广场",
                     starts_at=start + datetime.timedelta(days=i), ends_at=start + datetime.timedelta(days=i, hours=3),
                     category="community", lead_person="王芳", checkin_token=f"bench-{i}")
            for i in range(activity_count)])
        created = time.perf_counter()
        batch = []
        made = 0
        for activity in activities:
            for volunteer_pk in volunteers:
                if made == records:
                    break
                batch.append(ServiceRecord(volunteer_id=volunteer_pk, activity=activity, started_at=activity.starts_at,
                                           ended_at=activity.ends_at, hours=3, content="=SUM(A1)", recorded_by=actor))
                made += 1
                if len(batch) == 5000:
                    ServiceRecord.objects.bulk_create(batch)
                    batch = []
        ServiceRecord.objects.bulk_create(batch)
        self.stdout.write(f"created {made} service records in {time.perf_counter() - created:.1f} s (bulk_create)")
        queryset = (ServiceRecord.objects.visible_to(actor).select_related("volunteer", "activity")
                    .order_by("-started_at", "-pk"))
        _release_free_memory()  # what creating the records freed, so "RSS before" is what is live
        for fmt, respond in (("csv", csv_response), ("xlsx", xlsx_response)):
            # Timed without tracemalloc (it slows openpyxl several times); memory is the process's
            # peak RSS in a window opened just before the export (Linux), next to its RSS then.
            before = _current_rss_mb()
            windowed = _reset_peak_rss()
            began = time.perf_counter()
            table = ServiceRecordTable(queryset)
            response = respond(f"records.{fmt}", table_rows(table))
            size = 0
            with tempfile.TemporaryFile() as sink:
                for chunk in response.streaming_content:
                    chunk = chunk.encode() if isinstance(chunk, str) else chunk
                    size += len(chunk)
                    sink.write(chunk)
            seconds = time.perf_counter() - began
            peak = f"peak RSS {_peak_rss_mb():7.1f} MB (RSS before {before:.1f} MB)" if windowed else ""
            self.stdout.write(f"{f'export {made} records as {fmt} ({size / 2**20:.0f} MB)':<40} {seconds:7.1f} s   "
                              f"{peak}")
