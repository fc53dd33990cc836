// The JDBC client of test/t/client_reader.sh: logged in as a reader of one
// organization, reads every view of isms it may read and prints, per view,
// its rows and how many belong to another organization.
// Run: java -cp /usr/share/java/postgresql.jar ReaderViews.java URL USER PASSWORD ORG
import java.sql.*;
import java.util.*;

public class ReaderViews {
	public static void main(String[] args) throws Exception {
		long org = Long.parseLong(args[3]);
		try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
			List<String[]> views = new ArrayList<>();
			try (Statement s = c.createStatement();
				 ResultSet r = s.executeQuery(
					 "SELECT c.relname, EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid "
					 + "AND a.attname = 'org_id' AND NOT a.attisdropped) "
					 + "FROM pg_class c WHERE c.relnamespace = 'isms'::regnamespace AND c.relkind = 'v' "
					 + "AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1")) {
				while (r.next())
					views.add(new String[] {r.getString(1), r.getBoolean(2) ? "t" : "f"});
			}
			for (String[] v : views) {
				String sql = "SELECT count(*), " + (v[1].equals("t")
					? "count(*) FILTER (WHERE org_id IS DISTINCT FROM ?)" : "0") + " FROM isms." + v[0];
				try (PreparedStatement p = c.prepareStatement(sql)) {
					if (v[1].equals("t"))
						p.setLong(1, org);
					try (ResultSet r = p.executeQuery()) {
						r.next();
						System.out.println(v[0] + " " + r.getLong(1) + " " + r.getLong(2));
					}
				}
			}
		}
	}
}
