package dev.esl.tagmanager.product;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface ProductMapper {
    String COLUMNS = "sku, name, price, unit_price, unit, promo, barcode, barcode_kind";

    @Insert("INSERT INTO product (" + COLUMNS + ") VALUES (#{sku}, #{name}, #{price}, #{unitPrice}, #{unit}, #{promo},"
            + " #{barcode}, #{barcodeKind})")
    void insert(Product product);

    @Update("UPDATE product SET name = #{name}, price = #{price}, unit_price = #{unitPrice}, unit = #{unit},"
            + " promo = #{promo}, barcode = #{barcode}, barcode_kind = #{barcodeKind}, version = version + 1,"
            + " updated_at = CURRENT_TIMESTAMP(3) WHERE sku = #{sku}")
    int update(Product product);

    @Update("UPDATE product SET price = #{price}, unit_price = #{unitPrice}, promo = #{promo}, version = version + 1,"
            + " updated_at = CURRENT_TIMESTAMP(3) WHERE sku = #{sku}")
    int updatePrice(@Param("sku") String sku, @Param("price") java.math.BigDecimal price,
            @Param("unitPrice") java.math.BigDecimal unitPrice, @Param("promo") String promo);

    /**
     * Products whose SKU or name contains {@code text}, at the price the store's tags show (its own, else the
     * chain's), with how many tags of the store show each.
     */
    @Select("SELECT p.sku, p.name, COALESCE(sp.price, p.price) AS price, IF(sp.sku IS NULL, p.unit_price,"
            + " sp.unit_price) AS unit_price, p.unit, IF(sp.sku IS NULL, p.promo, sp.promo) AS promo,"
            + " sp.sku IS NOT NULL AS store_price, (SELECT COUNT(*) FROM binding b"
            + " JOIN tag t ON t.id = b.tag_id WHERE b.sku = p.sku AND t.store_id = #{storeId}) AS tags_in_store"
            + " FROM product p LEFT JOIN store_price sp ON sp.sku = p.sku AND sp.store_id = #{storeId} WHERE p.sku LIKE CONCAT('%', #{text}, '%') OR p.name LIKE CONCAT('%', #{text}, '%')"
            + " ORDER BY p.sku LIMIT #{limit}")
    List<ShelfProduct> search(@Param("storeId") String storeId, @Param("text") String text, @Param("limit") int limit);

    @Delete("DELETE FROM product WHERE sku = #{sku}")
    int delete(String sku);

    /*
     * The constructor is named argument by argument: left to MyBatis' name-based mapping, every row re-read the
     * record's parameter annotations by reflection (the validation constraints), a second for the 5,000 products of
     * a chain-wide price change.
     */
    @Select("SELECT " + COLUMNS + " FROM product WHERE sku = #{sku}")
    @ConstructorArgs({@Arg(column = "sku", javaType = String.class), @Arg(column = "name", javaType = String.class),
            @Arg(column = "price", javaType = BigDecimal.class), @Arg(column = "unit_price", javaType = BigDecimal.class),
            @Arg(column = "unit", javaType = String.class), @Arg(column = "promo", javaType = String.class),
            @Arg(column = "barcode", javaType = String.class), @Arg(column = "barcode_kind", javaType = String.class)})
    @Results(id = "product")
    Optional<Product> find(String sku);

    @Select("<script>SELECT " + COLUMNS + " FROM product WHERE sku IN"
            + " <foreach item='s' collection='skus' open='(' separator=',' close=')'>#{s}</foreach></script>")
    @ResultMap("product")
    List<Product> findAll(@Param("skus") Collection<String> skus);

    @Select("SELECT COUNT(*) FROM product")
    long count();

    @Select("SELECT " + COLUMNS + " FROM product WHERE sku > #{after} ORDER BY sku LIMIT #{limit}")
    @ResultMap("product")
    List<Product> page(@Param("after") String after, @Param("limit") int limit);
}
